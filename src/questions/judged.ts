// The hand-judged question pairs (test/fixtures/question-pairs*.json), scored by a question similarity: what the
// threshold is fitted and tested on. Node only (reads the fixtures).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive } from '../model/types.ts';
import { indexArchive, threadHolding } from '../pipeline/archive.ts';
import type { QuestionSimilarity } from './recurring.ts';
import type { ScoredPair } from './fit.ts';

export const JUDGED_FILES = ['test/fixtures/question-pairs.json', 'test/fixtures/question-pairs-archive.json'];

export interface JudgedScoredPair extends ScoredPair {
  a: string;
  b: string;
  why: string;
}

/** Every judged pair whose two threads still have their question, with its similarity; `unscored` counts the rest. */
export function judgedPairs(archive: Archive, q: QuestionSimilarity, root: string, files = JUDGED_FILES): { scored: JudgedScoredPair[]; unscored: number } {
  const index = indexArchive(archive);
  const at = new Map(q.docs.map((d, i) => [d.thread.id, i]));
  const seen = new Set<string>();
  const scored: JudgedScoredPair[] = [];
  let unscored = 0;
  for (const file of files) {
    const { pairs } = JSON.parse(readFileSync(join(root, file), 'utf8')) as { pairs: { a: string; b: string; same: boolean | null; why: string }[] };
    for (const p of pairs) {
      if (p.same === null) continue;
      // Judged threads are named by their first message (see threadHolding).
      const a = at.get(threadHolding(index, p.a) ?? p.a);
      const b = at.get(threadHolding(index, p.b) ?? p.b);
      const key = [p.a, p.b].sort().join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      if (a === undefined || b === undefined) {
        unscored++;
        continue;
      }
      scored.push({ a: p.a, b: p.b, same: p.same, why: p.why, sim: q.sim(a, b) });
    }
  }
  return { scored, unscored };
}
