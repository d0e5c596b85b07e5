// How close the candidate search of related discussions comes to the all-pairs reference: the share of the
// reference's top k that the candidate search also finds, and the ratio of their score sums. Used by
// `npm run bench -- related` and the tests; a measurement, not part of the build.
import type { RelatedItem } from './related.ts';

/** Mean share of the reference's top-k found in the candidate's top-k, over docs the reference relates. */
export function overlap(ref: Map<string, RelatedItem[]>, got: Map<string, RelatedItem[]>, k = 5): { overlap: number; docs: number; scoreRatio: number } {
  let sum = 0;
  let docs = 0;
  let refScore = 0;
  let gotScore = 0;
  for (const [key, items] of ref) {
    const a = items.slice(0, k);
    if (!a.length) continue;
    const b = (got.get(key) ?? []).slice(0, k);
    const bs = new Set(b.map((x) => x.threadId));
    sum += a.filter((x) => bs.has(x.threadId)).length / a.length;
    docs++;
    refScore += a.reduce((s, x) => s + x.score, 0);
    gotScore += b.reduce((s, x) => s + x.score, 0);
  }
  return { overlap: docs ? sum / docs : 1, docs, scoreRatio: refScore ? gotScore / refScore : 1 };
}
