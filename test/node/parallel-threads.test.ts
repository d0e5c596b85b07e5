import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { parallelDayThreads, type ParallelReport } from '../../src/node/parallel-threads.ts';
import { readContent } from '../../src/node/load.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

describe('parallelDayThreads', () => {
  const input = readContent(fixtureContentDir());

  it('gives the archive of computing every day in turn, with part of the days computed on a worker thread', () => {
    const report: ParallelReport = { onWorker: 0, note: null };
    const parallel = buildArchive(input, undefined, parallelDayThreads(input, report, { minDays: 2 }));
    expect(report.note).toBeNull();
    expect(report.onWorker).toBeGreaterThan(0);
    expect(report.onWorker).toBeLessThan(input.logs.length);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(buildArchive(input)));
  });

  it('computes the worker\'s days here, and says why, when the worker cannot load', () => {
    const report: ParallelReport = { onWorker: 0, note: null };
    const a = buildArchive(input, undefined, parallelDayThreads(input, report, { minDays: 2, worker: new URL('./no-such-worker.ts', import.meta.url) }));
    expect(report.onWorker).toBe(0);
    expect(report.note).toMatch(/worker/);
    expect(JSON.stringify(a)).toBe(JSON.stringify(buildArchive(input)));
  });
});
