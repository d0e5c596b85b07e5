// Which messages mention which glossary term, found in ONE pass over the archive (one automaton over every term
// word). Glossary pages used to scan every message once per term (concordance, definitions); with this index a
// term's page looks only at the days and messages that name it. Pure.
import { termWords } from './glossary.ts';
import { TermsMatcher } from './terms-matcher.ts';
import type { Archive, Day, Message } from '../model/types.ts';

export interface TermOccurrences {
  /** slug -> messages (not duplicates) whose text contains one of the term's words, in archive order. */
  messages: Map<string, Message[]>;
  /** slug -> days with at least one such message, in archive order. */
  days: Map<string, Day[]>;
}

export function termOccurrences(archive: Archive): TermOccurrences {
  const patterns: string[] = [];
  const index = new Map<string, number>();
  const slugsOf: string[][] = [];
  for (const t of archive.terms) {
    for (const w of termWords(t)) {
      const lw = w.toLowerCase();
      let p = index.get(lw);
      if (p === undefined) {
        index.set(lw, (p = patterns.length));
        patterns.push(lw);
        slugsOf.push([]);
      }
      if (!slugsOf[p]!.includes(t.slug)) slugsOf[p]!.push(t.slug);
    }
  }
  const matcher = new TermsMatcher(patterns);
  const messages = new Map<string, Message[]>(archive.terms.map((t) => [t.slug, []]));
  const days = new Map<string, Day[]>(archive.terms.map((t) => [t.slug, []]));
  for (const day of archive.days) {
    const inDay = new Set<string>();
    for (const m of day.messages) {
      if (m.duplicateOf !== null) continue;
      const found = new Set<string>();
      const add = (p: number) => {
        for (const s of slugsOf[p]!) found.add(s);
      };
      // Raw text (what definitions test with includes) and whitespace-folded text (what the concordance matches):
      // the union is a superset of both readers' occurrences, so neither misses one.
      const lower = m.text.toLowerCase();
      matcher.scan(lower, add);
      const folded = lower.replace(/\s+/g, ' ');
      if (folded !== lower) matcher.scan(folded, add);
      for (const s of found) {
        messages.get(s)!.push(m);
        inDay.add(s);
      }
    }
    for (const s of inDay) days.get(s)!.push(day);
  }
  return { messages, days };
}
