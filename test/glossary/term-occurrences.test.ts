// Glossary pages read each term's occurrences from one pass over the archive; what they show must equal what a
// scan of every message per term finds (concordance and definitions alike).
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContent } from '../../src/node/load.ts';
import { termOccurrences } from '../../src/glossary/term-occurrences.ts';
import { concordance } from '../../src/glossary/concordance.ts';
import { findDefinitions } from '../../src/glossary/definitions.ts';
import { termWords } from '../../src/glossary/glossary.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const archive = buildArchive(readContent(fixtureContentDir()));

describe('term occurrences in one pass', () => {
  const occ = termOccurrences(archive);
  const threadOf = new Map(archive.threads.flatMap((t) => t.messageIds.map((id) => [id, t.id] as const)));
  const vocabulary = archive.terms.flatMap(termWords);

  it('finds the messages of every term that a per-term scan finds', () => {
    let withHits = 0;
    for (const term of archive.terms) {
      const scope = { messages: occ.messages.get(term.slug) ?? [], threadOf };
      const full = concordance(term, archive);
      expect(concordance(term, archive, 24, scope)).toEqual(full);
      if (full.length) withHits++;
      // Only messages that name the term: a term that is never said has none.
      for (const m of scope.messages) expect(termWords(term).some((w) => m.text.toLowerCase().includes(w.toLowerCase()) || m.text.toLowerCase().replace(/\s+/g, ' ').includes(w.toLowerCase()))).toBe(true);
    }
    expect(withHits).toBeGreaterThan(10);
  });

  it('gives the same definitions from the days that name the term as from every day', () => {
    let found = 0;
    for (const term of archive.terms) {
      const all = findDefinitions(term, archive.days, { limit: 8, vocabulary });
      expect(findDefinitions(term, occ.days.get(term.slug) ?? [], { limit: 8, vocabulary })).toEqual(all);
      found += all.length;
    }
    expect(found).toBeGreaterThan(10);
  });
});
