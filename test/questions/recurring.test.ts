// Recurring questions on the bundled content: the threshold against the hand-judged pairs, stable entry ids,
// every time asked newest first, and the export's faq.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArchive } from '../../src/node/load.ts';
import { EMBEDDING_SHARE, entryId, faqExport, questionSimilarity, recurringQuestions, SAME_QUESTION } from '../../src/questions/recurring.ts';
import type { AskEmbeddings } from '../../src/semantic/embeddings-ready.ts';
import { toExport } from '../../src/pipeline/export.ts';
import { indexArchive, threadHolding } from '../../src/pipeline/archive.ts';
import type { Archive } from '../../src/model/types.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

let archive: Archive;
beforeAll(() => {
  archive = loadArchive(fixtureContentDir());
});
const judged = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/question-pairs.json'), 'utf8')) as { pairs: { a: string; b: string; same: boolean }[] };

describe('recurring questions', () => {
  it('no pair of the 8 days judged different reaches the threshold (fitted on the whole archive: test/archive/questions.test.ts)', () => {
    const { docs, sim } = questionSimilarity(archive);
    const at = (id: string) => docs.findIndex((d) => d.thread.id === id);
    expect(judged.pairs.length).toBeGreaterThanOrEqual(20);
    // Judged threads are named by their first message (see threadHolding).
    const index = indexArchive(archive);
    const now = (ref: string) => threadHolding(index, ref) ?? ref;
    // A pair judged on questions that the current splitter no longer makes a thread's question cannot be scored;
    // most must still be.
    const scored = judged.pairs.map((j) => ({ ...j, a: now(j.a), b: now(j.b) })).filter((p) => at(p.a) >= 0 && at(p.b) >= 0);
    expect(scored.length).toBeGreaterThanOrEqual(Math.ceil(judged.pairs.length * 0.75));
    for (const p of scored.filter((x) => !x.same)) expect(sim(at(p.a), at(p.b)), `${p.a} ~ ${p.b}`).toBeLessThan(SAME_QUESTION);
    // The pair judged the same is the most similar of them (the 8 days' vectors are weaker than the archive's).
    const same = scored.find((p) => p.same)!;
    for (const p of scored.filter((x) => !x.same)) expect(sim(at(same.a), at(same.b))).toBeGreaterThan(sim(at(p.a), at(p.b)));
  });
  it('a model\'s question embeddings join the similarity: (1 − EMBEDDING_SHARE) · mix + EMBEDDING_SHARE · cosine', () => {
    const plain = questionSimilarity(archive, null);
    const { docs } = plain;
    // Constructed embeddings: one-hot per question, except two questions of different days that share one vector.
    const pair = [0, docs.findIndex((d) => d.thread.day !== docs[0]!.thread.day)] as const;
    const questions = new Map(docs.map((d, i) => {
      const v = new Float32Array(docs.length);
      v[i === pair[1] ? pair[0] : i] = 1;
      return [d.thread.id, v] as const;
    }));
    const emb: AskEmbeddings = { id: 'constructed', dim: docs.length, threads: [], questions };
    const withEmb = questionSimilarity(archive, emb);
    const [a, b] = pair;
    if (plain.sim(a, b) > 0) expect(withEmb.sim(a, b)).toBeCloseTo((1 - EMBEDDING_SHARE) * plain.sim(a, b) + EMBEDDING_SHARE, 6);
    // Orthogonal embeddings pull every other pair down by the share.
    for (let j = 1; j < Math.min(docs.length, 40); j++) if (j !== b) expect(withEmb.sim(a, j)).toBeCloseTo((1 - EMBEDDING_SHARE) * plain.sim(a, j), 6);
    // A pair whose mix is high enough joins one entry only through the embeddings.
    let best = [-1, -1, -1];
    for (let i = 0; i < docs.length; i++) for (let j = i + 1; j < docs.length; j++) {
      if (docs[i]!.thread.day === docs[j]!.thread.day) continue;
      const s = plain.sim(i, j);
      if (s > best[2]!) best = [i, j, s];
    }
    const [x, y] = [best[0]!, best[1]!];
    const twin = new Map(questions);
    twin.set(docs[y]!.thread.id, questions.get(docs[x]!.thread.id)!);
    const threshold = ((1 - EMBEDDING_SHARE) * best[2]! + EMBEDDING_SHARE + best[2]!) / 2; // above the mix, below mix + embedding
    const entryOf = (entries: ReturnType<typeof recurringQuestions>, id: string) => entries.find((e) => e.threadIds.includes(id))!.id;
    const off = recurringQuestions(archive, threshold, null);
    expect(entryOf(off, docs[x]!.thread.id)).not.toBe(entryOf(off, docs[y]!.thread.id));
    const on = recurringQuestions(archive, threshold, { ...emb, questions: twin });
    expect(entryOf(on, docs[x]!.thread.id)).toBe(entryOf(on, docs[y]!.thread.id));
  });
  it('groups the same question of different days into one entry, id from its first thread, newest first', () => {
    // Below the archive's threshold, where the 8 days' vectors put the one pair judged the same.
    const entries = recurringQuestions(archive, 0.5);
    const docs = entries.find((e) => e.threadIds.includes('prodarch/2017-12-20/t15'))!;
    expect(docs.threadIds).toEqual(['prodarch/2017-12-20/t15', 'devarch/2017-12-19/t138']);
    expect(docs.id).toBe(entryId('devarch/2017-12-19/t138'));
    expect(docs.id).toBe('devarch-2017-12-19-t138');
    expect(docs.days).toBe(2);
    // Most asked first; every question of the archive is in exactly one entry.
    expect(entries[0]!.threadIds.length).toBeGreaterThanOrEqual(entries[entries.length - 1]!.threadIds.length);
    const all = entries.flatMap((e) => e.threadIds);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(archive.threads.filter((t) => t.questionId).length);
    // Unanswered entries are those whose threads have no answers at all.
    for (const e of entries) expect(e.answered).toBe(e.threadIds.some((id) => archive.threads.find((t) => t.id === id)!.answerIds.length > 0));
  });
  it('ids do not depend on what else is in the archive (a day more or less keeps them)', () => {
    const fewer = { ...archive, threads: archive.threads.filter((t) => !t.day.startsWith('prodrd/')) } as Archive;
    // At the lower threshold where the 8 days have entries asked on several days.
    const ids = new Set(recurringQuestions(fewer, 0.5 - 1e-9).map((e) => e.id));
    expect(recurringQuestions(archive, 0.5).some((e) => e.days > 1)).toBe(true);
    for (const e of recurringQuestions(archive, 0.5).filter((x) => !x.threadIds.some((id) => id.startsWith('prodrd/')))) expect(ids.has(e.id), e.id).toBe(true);
  });
  it('the export lists entries asked on more than one day as faq', () => {
    const faq = toExport(archive).faq;
    expect(faq).toEqual(faqExport(archive));
    // The 8 days ask nothing twice at the archive's threshold; the whole archive's faq: test/archive/questions.test.ts.
    expect(faq.every((f) => f.threadIds.length > 1 && Object.keys(f).join() === 'id,title,threadIds')).toBe(true);
  });
});

describe('recurring questions score only the pairs that can reach the threshold', () => {
  // The reference: every cross-day pair scored, components of the links at or above the threshold.
  function allPairsGroups(threshold: number, embeddings: AskEmbeddings | null): Set<string> {
    const { docs, sim } = questionSimilarity(archive, embeddings);
    const parent = docs.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let a = 0; a < docs.length; a++) {
      for (let b = a + 1; b < docs.length; b++) if (docs[a]!.thread.day !== docs[b]!.thread.day && sim(a, b) >= threshold) parent[find(b)] = find(a);
    }
    const groups = new Map<number, string[]>();
    docs.forEach((d, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), d.thread.id]));
    return new Set([...groups.values()].map((g) => g.sort().join(' ')));
  }
  const entries = (threshold: number, embeddings: AskEmbeddings | null) =>
    new Set(recurringQuestions(archive, threshold, embeddings).map((e) => [...e.threadIds].sort().join(' ')));

  it('gives the entries of scoring every pair, at thresholds that prune and at one too low to prune', () => {
    // Lower thresholds link more questions, so each threshold is a different partition worth comparing.
    const sizes = new Set<number>();
    for (const t of [SAME_QUESTION, 0.6, 0.5, 0.45, 0.3]) {
      const got = entries(t, null);
      expect(got, `threshold ${t}`).toEqual(allPairsGroups(t, null));
      sizes.add(got.size);
    }
    expect(sizes.size).toBeGreaterThan(1);
  });

  it('with model embeddings too', () => {
    const { docs } = questionSimilarity(archive, null);
    // Every question's embedding the same unit vector: the embedding cosine is 1 for every pair, the most it can help.
    const emb: AskEmbeddings = { id: 'test', dim: 2, threads: [], questions: new Map(docs.map((d) => [d.thread.id, Float32Array.of(1, 0)])) };
    for (const t of [SAME_QUESTION, 0.75, 0.65]) expect(entries(t, emb), `threshold ${t}`).toEqual(allPairsGroups(t, emb));
  });
});
