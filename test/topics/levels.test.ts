// Keeps issue 16's measured levels from sliding back: cross-validated topic agreement over the gold days (on the
// pipeline's threads and on the gold message sets) and the coverage of substantive threads on the gold days'
// archive. The floors are the figures measured with `npm run eval` (target 0.85, not reached yet); raise them as the
// figures rise. Also checks that the cross-validation is honest: a fold's model does not move when the held-out
// day's gold changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readGold, DEFAULT_GOLD_DIR } from '../../src/node/gold.ts';
import { goldDayId } from '../../src/eval/gold.ts';
import { crossValidate, foldModel, pooled } from '../../src/topics/cross-validate.ts';
import { topicCoverage } from '../../src/topics/coverage.ts';
import model from '../../src/topics/model.json' with { type: 'json' };
import type { TopicModel } from '../../src/topics/evidence.ts';

// Measured with `npm run eval` (cross-validated, leave one day out, 13 gold days): 0.804 on pipeline threads (most
// misses are gold threads the splitter joins to a longer one), 0.866 on gold message sets.
const FLOOR_PIPELINE = 0.8;
const FLOOR_GOLD = 0.86;

const set = readGold(DEFAULT_GOLD_DIR);
const archive = buildArchive(set.input);
const golds = set.files.map(({ gold }) => ({ day: goldDayId(gold.file), threads: gold.threads }));
const days = new Map(archive.days.map((d) => [d.id, d]));

describe('topic levels (issue 16)', () => {
  it('cross-validated agreement stays at its measured level', () => {
    const folds = crossValidate(archive, golds, model as TopicModel);
    expect(folds.length).toBe(golds.length);
    expect(pooled(folds, 'pipeline')).toBeGreaterThanOrEqual(FLOOR_PIPELINE);
    expect(pooled(folds, 'gold')).toBeGreaterThanOrEqual(FLOOR_GOLD);
  }, 300_000);
  it("a fold's weights and threshold do not depend on the held-out day's gold", () => {
    const held = golds[0]!.day;
    const scrambled = golds.map((g) => (g.day === held ? { ...g, threads: g.threads.map((t) => ({ ...t, topics: ['jobs'] })) } : g));
    const a = foldModel(archive, golds, held, model as TopicModel);
    const b = foldModel(archive, scrambled, held, model as TopicModel);
    expect(b.weights).toEqual(a.weights);
    expect(b.threshold).toBe(a.threshold);
    // and the full fit does depend on that day, so the comparison above can fail
    const all = foldModel(archive, golds, 'none', model as TopicModel);
    const allScrambled = foldModel(archive, scrambled, 'none', model as TopicModel);
    expect(allScrambled.weights).not.toEqual(all.weights);
  }, 120_000);
  it('substantive threads of the gold days carry a topic', () => {
    const gold = new Set(golds.map((g) => g.day));
    const cov = topicCoverage(archive.threads.filter((t) => gold.has(t.day)), (t) => t.seqs.map((s) => days.get(t.day)?.messages[s - 1]?.text ?? ''));
    expect(cov.substantive).toBeGreaterThan(20);
    expect(cov.share).toBeGreaterThanOrEqual(0.95);
  });
  it('the latest hand-judged round of the seed topics holds its counts and levels (docs/topic-judgments.md)', () => {
    type Draw = { slug: string; seed: number; judged: number; yes: number; judgments: { thread: string; about: boolean; reason: string }[] };
    type Round = { topics: Draw[]; otherDraws?: Draw[]; pooled?: Record<string, { distinct: number; yes: number }> };
    const rounds = JSON.parse(readFileSync('test/fixtures/topic-judgments.json', 'utf8')) as Record<string, Round>;
    const latest = rounds.round13;
    expect(latest).toBeDefined();
    const holds = (t: Draw | undefined, floor: number, what: string) => {
      expect(t, what).toBeDefined();
      expect(t?.judged, what).toBe(t?.judgments.length);
      expect(t?.yes, what).toBe(t?.judgments.filter((j) => j.about).length);
      for (const j of t?.judgments ?? []) expect(j.reason.length).toBeGreaterThan(3);
      expect((t?.yes ?? 0) / (t?.judged || 1), what).toBeGreaterThanOrEqual(floor);
    };
    // Measured by hand in round 13 on the reported seeds (routing 1604: its whole population of 27, 25 yes; ledgers
    // 1607: 28/30; reconciliation 1606: 26/30, under the target on this seed alone: the pooled figure below is the
    // reported one).
    const floors: Record<string, number> = { routing: 0.92, ledgers: 0.93, reconciliation: 0.86, 'sleep-management': 1 };
    for (const [slug, floor] of Object.entries(floors)) holds(latest?.topics.find((x) => x.slug === slug), floor, slug);
    for (const slug of ['ledgers', 'reconciliation']) expect(latest?.topics.find((x) => x.slug === slug)?.judged, slug).toBe(30);
    // The other two seeds of each topic are further estimates: their counts must add up, and over the distinct
    // threads of all three draws each seed topic reaches issue 16's target, 0.9 (round 13: routing 25/27, ledgers
    // 66/71, reconciliation 58/64).
    for (const d of latest?.otherDraws ?? []) holds(d, 0.9, `${d.slug} seed ${d.seed}`);
    const pooledFloors: Record<string, number> = { routing: 0.9, ledgers: 0.9, reconciliation: 0.9 };
    expect(latest?.otherDraws?.length).toBe(6);
    for (const [slug, floor] of Object.entries(pooledFloors)) {
      const distinct = new Map<string, boolean>();
      for (const d of [...(latest?.topics ?? []), ...(latest?.otherDraws ?? [])].filter((x) => x.slug === slug)) for (const j of d.judgments) distinct.set(j.thread, j.about);
      const yes = [...distinct.values()].filter(Boolean).length;
      expect(latest?.pooled?.[slug], slug).toEqual({ distinct: distinct.size, yes });
      expect(yes / (distinct.size || 1), slug).toBeGreaterThanOrEqual(floor);
    }
  });
});
