// Everything a glossary page shows, computed once per archive: definitions from members, concordance grouped
// by thread, occurrences per month, related and co-occurring terms.
import { concordance, cooccurringTerms, occurrencesByMonth, type CoTerm, type KwicGroup, type PeriodCount } from '../glossary/concordance.ts';
import { findDefinitions, type Definition } from '../glossary/definitions.ts';
import { termWords } from '../glossary/glossary.ts';
import { termOccurrences } from '../glossary/term-occurrences.ts';
import type { Archive, Term } from '../model/types.ts';
import { processMemo } from '../pipeline/process-memo.ts';

export interface GlossaryPage {
  term: Term;
  definitions: Definition[];
  kwic: KwicGroup[];
  occurrences: number;
  byMonth: PeriodCount[];
  related: Term[];
  cooccurring: CoTerm[];
}

const memo = processMemo<Archive, Map<string, GlossaryPage>>('glossary-pages');

export function glossaryPages(archive: Archive): Map<string, GlossaryPage> {
  let pages = memo.get(archive);
  if (pages) return pages;
  pages = new Map();
  const bySlug = new Map(archive.terms.map((t) => [t.slug, t]));
  const vocabulary = archive.terms.flatMap(termWords);
  // One pass finds every term's messages; each page then reads only the days and messages that name its term.
  const occ = termOccurrences(archive);
  const threadOf = new Map<string, string>();
  for (const t of archive.threads) for (const id of t.messageIds) threadOf.set(id, t.id);
  for (const term of archive.terms) {
    const kwic = concordance(term, archive, 24, { messages: occ.messages.get(term.slug) ?? [], threadOf });
    const co = cooccurringTerms(term, archive.terms).filter((c) => !term.related.includes(c.slug));
    pages.set(term.slug, {
      term,
      // A day that never names the term holds no question about it and no definition of it.
      definitions: findDefinitions(term, occ.days.get(term.slug) ?? [], { limit: 8, vocabulary }),
      kwic,
      occurrences: kwic.reduce((n, g) => n + g.lines.length, 0),
      byMonth: occurrencesByMonth(kwic, archive),
      related: term.related.map((s) => bySlug.get(s)).filter((t): t is Term => !!t),
      cooccurring: co,
    });
  }
  memo.set(archive, pages);
  return pages;
}
