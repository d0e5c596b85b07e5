import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndexInWorker } from '../../src/node/search-index-thread.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { loadArchive } from '../../src/node/load.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

describe('buildIndexInWorker', () => {
  it('writes, from a worker thread, byte for byte the files of building the index in-thread', async () => {
    const archive = loadArchive(fixtureContentDir());
    const here = new Map<string, string>();
    const stats = await buildSearchIndex(archive, (p, c) => void here.set(p, c));
    const dir = mkdtempSync(join(tmpdir(), 'cka-index-worker-'));
    try {
      const r = await buildIndexInWorker(archive, dir, null);
      if (r.inThread !== null) throw new Error(`expected a worker: ${r.inThread}`);
      expect(r.stats.files).toBe(stats.files);
      expect([...r.files].sort()).toEqual([...here.keys()].sort());
      for (const [p, c] of here) expect(readFileSync(join(dir, p), 'utf8'), p).toBe(c);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says why when the worker cannot run, so the build builds the index in-thread', async () => {
    const archive = loadArchive(fixtureContentDir());
    const r = await buildIndexInWorker(archive, join(tmpdir(), 'cka-unused'), null, new URL('./no-such-worker.ts', import.meta.url));
    expect(r.inThread).toMatch(/worker/);
  });
});
