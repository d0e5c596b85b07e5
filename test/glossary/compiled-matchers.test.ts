// The compiled (once per archive) forms of term matching must give exactly what the per-call functions give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTermWords, parseGlossaryFile, termSpansWith } from '../../src/glossary/glossary.ts';
import { naiveTermSpans as termSpans } from './oracles.ts';
import { readContentMeta } from '../../src/node/load.ts';
import { compileThreadTerms, STOP, tokensOf } from '../../src/threads/features.ts';
import { hasLatinLetter, latinWords } from '../../src/text/tokenize.ts';
import type { Term } from '../../src/model/types.ts';

const meta = readContentMeta('content');
const terms = meta.glossary.map((g) => parseGlossaryFile(g.file, g.source));
const words = terms.flatMap((t) => [t.term, ...t.aliases]);
const topicWords = meta.topics.flatMap((t) => t.terms.map(String));

// Texts built from real glossary/topic words, their pieces, Latin letters (word edges) and filler.
const text = fc
  .array(fc.oneof(fc.constantFrom(...words, ...topicWords), fc.constantFrom('a', 'X', '1', ' ', '，', '的', '\n', '账', 'Pay')), { maxLength: 30 })
  .map((a) => a.join(''));

describe('compiled term matching', () => {
  it('has a real glossary and taxonomy to test with', () => {
    expect(terms.length).toBeGreaterThan(10);
    expect(topicWords.length).toBeGreaterThan(50);
  });

  it('termSpansWith equals termSpans on the bundled glossary', () => {
    const c = compileTermWords(terms);
    fc.assert(fc.property(text, (t) => { expect(termSpansWith(t, c)).toEqual(termSpans(t, terms)); }), { numRuns: 300 });
  });

  it('termSpansWith keeps termSpans\' rules: longest first, whole Latin words, duplicates across terms', () => {
    const ts: Term[] = [
      { slug: 'a', term: '流水', aliases: ['canal'], topics: [], related: [], body: '', threadIds: [] },
      { slug: 'b', term: '分录流水', aliases: ['流水'], topics: [], related: [], body: '', threadIds: [] },
    ];
    const s = '先记分录流水再记流水 canals Canal';
    expect(termSpansWith(s, compileTermWords(ts))).toEqual(termSpans(s, ts));
    expect(termSpansWith(s, compileTermWords(ts)).map((x) => x.slug)).toEqual(['b', 'a', 'a']);
  });

  it('tokensOf adds the known terms a per-term includes scan adds, in list order', () => {
    const tt = compileThreadTerms([...words, ...topicWords]);
    fc.assert(fc.property(text, (t) => {
      const lower = t.toLowerCase();
      const got = tokensOf(t, tt.terms).filter((k) => k.startsWith('#'));
      expect(got).toEqual(tt.terms.filter((w) => lower.includes(w)).map((w) => '#' + w));
    }), { numRuns: 300 });
  });

  it('tokensOf gives the tokens, in the order, of the string-set tokenizer it replaced', () => {
    // The tokenizer before interning: regex CJK runs sliced into bigrams, a Set for uniqueness, includes per term.
    const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
    const naive = (plain: string, ts: string[]) => {
      const out = new Set<string>();
      const lower = plain.toLowerCase();
      for (const run of lower.match(CJK) ?? []) for (let i = 0; i + 1 < run.length; i++) { const b = run.slice(i, i + 2); if (!STOP.has(b)) out.add(b); }
      // Latin words by the one tokenizer rule (src/text/tokenize.ts), two characters or more, with a letter.
      for (const w of latinWords(lower)) if (w.length >= 2 && hasLatinLetter(w)) out.add(w);
      for (const term of ts) if (term.length >= 2 && lower.includes(term)) out.add('#' + term);
      return [...out];
    };
    const tt = compileThreadTerms([...words, ...topicWords]).terms;
    const mixed = fc.array(fc.oneof(text, fc.constantFrom('大家', '请问什么问题', '我们的', '豈', '㐀', 'v2.0', '42', 'E-mail')), { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(fc.property(mixed, (t) => {
      expect(tokensOf(t, tt)).toEqual(naive(t, tt));
    }), { numRuns: 300 });
    expect(tokensOf('大家好，请问分录流水 Canal', ['分录'])).toEqual(['家好', '问分', '分录', '录流', '流水', 'canal', '#分录']);
  });
});
