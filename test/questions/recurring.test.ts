// Recurring questions on the bundled content: the threshold against the hand-judged pairs, stable entry ids,
// every time asked newest first, and the export's faq.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArchive } from '../../src/node/load.ts';
import { entryId, faqExport, questionSimilarity, recurringQuestions, SAME_QUESTION } from '../../src/questions/recurring.ts';
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
  it('the threshold separates the judged pairs', () => {
    const { docs, sim } = questionSimilarity(archive);
    const at = (id: string) => docs.findIndex((d) => d.thread.id === id);
    expect(judged.pairs.length).toBeGreaterThanOrEqual(20);
    expect(judged.pairs.some((p) => p.same)).toBe(true);
    // Judged threads are named by their first message (see threadHolding).
    const index = indexArchive(archive);
    const now = (ref: string) => threadHolding(index, ref) ?? ref;
    // A pair judged on questions that the current splitter no longer makes a thread's question cannot be scored;
    // most must still be, and so must the pair judged the same.
    const scored = judged.pairs.map((j) => ({ ...j, a: now(j.a), b: now(j.b) })).filter((p) => at(p.a) >= 0 && at(p.b) >= 0);
    expect(scored.length).toBeGreaterThanOrEqual(Math.ceil(judged.pairs.length * 0.75));
    expect(scored.some((p) => p.same)).toBe(true);
    for (const p of scored) {
      expect(sim(at(p.a), at(p.b)) >= SAME_QUESTION, `${p.a} ~ ${p.b}`).toBe(p.same);
    }
  });
  it('groups the same question of different days into one entry, id from its first thread, newest first', () => {
    const entries = recurringQuestions(archive);
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
    const ids = new Set(recurringQuestions(fewer, SAME_QUESTION - 1e-9).map((e) => e.id));
    for (const e of recurringQuestions(archive).filter((x) => !x.threadIds.some((id) => id.startsWith('prodrd/')))) expect(ids.has(e.id), e.id).toBe(true);
  });
  it('the export lists entries asked on more than one day as faq', () => {
    const faq = toExport(archive).faq;
    expect(faq).toEqual(faqExport(archive));
    expect(faq.length).toBeGreaterThan(0);
    expect(faq.every((f) => f.threadIds.length > 1 && Object.keys(f).join() === 'id,title,threadIds')).toBe(true);
  });
});
