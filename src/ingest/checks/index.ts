// The checks of this folder over a set of day logs, in one call: `check`, `add` and the build use it,
// so they reach the same verdicts. Pure.
import { readFrontMatter } from '../frontmatter.ts';
import { citationProblems } from './citations.ts';
import { dayWarnings } from './day-warnings.ts';
import { logSetProblems, type LogEntry } from './log-set.ts';
import type { Day, Problem } from '../../model/types.ts';

export interface CheckedLog {
  file: string;
  source: string;
  day: Day;
}

export interface CheckSetOptions {
  /** Group slugs of groups.yaml. */
  groups: readonly string[];
  /** Glossary files whose `sources:` to verify (none: skip). */
  glossary?: readonly { file: string; source: string }[];
  /** The logs are all of the content's logs: a citation of a day not among them is an error. */
  allDays?: boolean;
}

export function bodyStartOf(source: string): number {
  const s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return readFrontMatter(s.split(/\r?\n/, 80)).bodyStart;
}

export function checkLogSet(logs: readonly CheckedLog[], opts: CheckSetOptions): Problem[] {
  const problems: Problem[] = [];
  const entries: LogEntry[] = [];
  for (const l of logs) {
    problems.push(...dayWarnings(l.file, l.source, l.day));
    entries.push({ ...l, bodyStart: bodyStartOf(l.source) });
  }
  problems.push(...logSetProblems(entries, opts.groups));
  if (opts.glossary?.length) {
    const messages = new Map<string, { text: string }>();
    const counts = new Map<string, number>();
    for (const l of logs) {
      counts.set(l.day.id, l.day.messages.length);
      for (const m of l.day.messages) messages.set(m.id, m);
    }
    const ctx = { messages, days: new Set(counts.keys()), counts, allDays: opts.allDays ?? false };
    for (const g of opts.glossary) problems.push(...citationProblems(g.file, g.source, ctx));
  }
  return problems;
}
