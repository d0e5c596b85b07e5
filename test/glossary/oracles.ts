// Reference implementations the fast production code is tested against. Test-only: slow, obviously right.
import { termWords, type TermSpan } from '../../src/glossary/glossary.ts';
import type { Term } from '../../src/model/types.ts';

/** Glossary term spans by one indexOf scan per word, longest word first (what termSpansWith must equal). */
export function naiveTermSpans(text: string, terms: Term[]): TermSpan[] {
  const words = terms
    .flatMap((t) => termWords(t).map((w) => ({ w: w.toLowerCase(), slug: t.slug })))
    .sort((a, b) => b.w.length - a.w.length);
  const lower = text.toLowerCase();
  const taken = new Uint8Array(text.length);
  const spans: TermSpan[] = [];
  for (const { w, slug } of words) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      if (insideLatinWord(lower, i, w.length)) continue;
      if (taken.subarray(i, i + w.length).some(Boolean)) continue;
      taken.fill(1, i, i + w.length);
      spans.push({ start: i, end: i + w.length, slug });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function insideLatinWord(text: string, i: number, len: number): boolean {
  const alnum = /[a-z0-9]/;
  const at = (k: number) => text[k] ?? '';
  return (alnum.test(at(i)) && i > 0 && alnum.test(at(i - 1))) || (alnum.test(at(i + len - 1)) && i + len < text.length && alnum.test(at(i + len)));
}
