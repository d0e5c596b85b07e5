// Glossary citations: each id in a term's `sources:` must name a message that mentions the term or one
// of its aliases. Message ids are positions, so a day replaced or renumbered behind the glossary's back
// makes a citation point at an unrelated message; this is where that shows. Pure.
import { parseGlossaryEntry, termWords } from '../../glossary/glossary.ts';
import type { Problem } from '../../model/types.ts';

export interface CitedMessage {
  text: string;
}

export interface CitationContext {
  /** The messages of the checked logs by id. */
  messages: ReadonlyMap<string, CitedMessage>;
  /** Ids of the days checked; a citation of another day is a warning when `allDays` is true, else skipped. */
  days: ReadonlySet<string>;
  /** True when the logs checked are all the content's logs (the build, `check` of content/logs). */
  allDays: boolean;
  /** Message count per day id, for "no such message". */
  counts: ReadonlyMap<string, number>;
}

const ID = /^([^/\s]+\/\d{4}-\d{2}-\d{2})\/(\d+)$/;

/** 1-based line of the first occurrence of `id` in the file's front matter (1 if not found). */
function lineOf(lines: readonly string[], id: string): number {
  const re = new RegExp(`(^|[^\\w/-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`);
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? 1 : i + 1;
}

export function citationProblems(file: string, source: string, ctx: CitationContext): Problem[] {
  let entry: ReturnType<typeof parseGlossaryEntry>;
  try {
    entry = parseGlossaryEntry(file, source);
  } catch (e) {
    return [{ file, line: 1, severity: 'error', message: `front matter is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` }];
  }
  const lines = source.split(/\r?\n/);
  const words = termWords(entry.term).map((w) => w.toLowerCase());
  const out: Problem[] = [];
  for (const id of entry.sources) {
    const line = lineOf(lines, id);
    const m = ID.exec(id);
    if (!m) { out.push({ file, line, severity: 'error', message: `source "${id}" is not a message id <group>/<YYYY-MM-DD>/<seq>` }); continue; }
    const day = m[1] ?? '';
    if (!ctx.days.has(day)) {
      // A folder of some days (a test content, one group) need not hold every cited day: worth a word, not a stop.
      if (ctx.allDays) out.push({ file, line, severity: 'warning', message: `source ${id} cites day ${day}, which is not in the logs` });
      continue;
    }
    const msg = ctx.messages.get(id);
    if (!msg) { out.push({ file, line, severity: 'error', message: `source ${id}: no such message (${day} has ${ctx.counts.get(day) ?? 0})` }); continue; }
    const text = msg.text.toLowerCase();
    if (words.some((w) => text.includes(w))) continue;
    const shown = msg.text.replace(/\s+/g, ' ').trim();
    out.push({
      file, line, severity: 'error',
      message: `source ${id} does not mention ${[entry.term.term, ...entry.term.aliases].join(' / ')}: it says "${shown.length > 50 ? shown.slice(0, 50) + '…' : shown}" (was the day replaced or renumbered?)`,
    });
  }
  return out;
}
