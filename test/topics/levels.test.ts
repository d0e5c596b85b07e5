// Keeps issue 16's measured levels from sliding back: cross-validated topic agreement over the gold days (on the
// pipeline's threads and on the gold message sets) and the coverage of substantive threads on the gold days'
// archive. The floors are today's measured figures (`npm run eval`), not the targets (0.85 / 0.95), which the
// agreement does not reach yet; raise them as the figures rise.
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readGold, DEFAULT_GOLD_DIR } from '../../src/node/gold.ts';
import { goldDayId } from '../../src/eval/gold.ts';
import { crossValidate, pooled } from '../../src/topics/cross-validate.ts';
import { topicCoverage } from '../../src/topics/coverage.ts';
import model from '../../src/topics/model.json' with { type: 'json' };
import type { TopicModel } from '../../src/topics/evidence.ts';

const set = readGold(DEFAULT_GOLD_DIR);
const archive = buildArchive(set.input);
const golds = set.files.map(({ gold }) => ({ day: goldDayId(gold.file), threads: gold.threads }));
const days = new Map(archive.days.map((d) => [d.id, d]));

describe('topic levels (issue 16)', () => {
  it('cross-validated agreement stays at its measured level', () => {
    const folds = crossValidate(archive, golds, model as TopicModel);
    expect(folds.length).toBe(golds.length);
    expect(pooled(folds, 'pipeline')).toBeGreaterThanOrEqual(0.67);
    expect(pooled(folds, 'gold')).toBeGreaterThanOrEqual(0.66);
  }, 120_000);
  it('substantive threads of the gold days carry a topic', () => {
    const gold = new Set(golds.map((g) => g.day));
    const cov = topicCoverage(archive.threads.filter((t) => gold.has(t.day)), (t) => t.seqs.map((s) => days.get(t.day)?.messages[s - 1]?.text ?? ''));
    expect(cov.substantive).toBeGreaterThan(20);
    expect(cov.share).toBeGreaterThanOrEqual(0.95);
  });
});
