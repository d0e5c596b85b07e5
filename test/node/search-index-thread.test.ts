import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { compressBody, worthCompressing } from '../../src/integrations/precompress.ts';
import { sha256 } from '../../src/node/build-manifest.ts';
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

  it('compresses as it writes, with the build\'s settings, all but the files the previous build compressed from the same bytes', async () => {
    const archive = loadArchive(fixtureContentDir());
    const dir = mkdtempSync(join(tmpdir(), 'cka-index-worker-'));
    try {
      const here = new Map<string, string>();
      await buildSearchIndex(archive, (p, c) => void here.set(p, c));
      const worth = [...here].filter(([p, c]) => worthCompressing(p, Buffer.byteLength(c)));
      expect(worth.length).toBeGreaterThan(10);
      // Two files "unchanged" since a previous build: one with its bytes recorded, one with other bytes.
      const [kept, edited] = [worth[0]![0], worth[1]![0]];
      const unchanged: [string, string][] = [[kept, sha256(Buffer.from(here.get(kept)!))], [edited, sha256(Buffer.from('older bytes'))]];
      const r = await buildIndexInWorker(archive, dir, null, { encodings: ['gzip', 'br'], unchanged });
      if (r.inThread !== null) throw new Error(`expected a worker: ${r.inThread}`);
      const copies = new Map(r.copies);
      expect(copies.has(kept)).toBe(false);
      expect(existsSync(join(dir, `${kept}.gz`))).toBe(false);
      expect(copies.size).toBe(worth.length - 1);
      for (const [p, c] of worth) {
        if (p === kept) continue;
        const want = await compressBody(Buffer.from(c));
        const e = copies.get(p)!;
        expect(e.src).toBe(sha256(Buffer.from(c)));
        if (want.gz) expect(readFileSync(join(dir, `${p}.gz`)).equals(want.gz), p).toBe(true);
        else expect(e.gz).toBeNull();
        if (want.br) expect(readFileSync(join(dir, `${p}.br`)).equals(want.br), p).toBe(true);
        else expect(e.br).toBeNull();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says why when the worker cannot run, so the build builds the index in-thread', async () => {
    const archive = loadArchive(fixtureContentDir());
    const r = await buildIndexInWorker(archive, join(tmpdir(), 'cka-unused'), null, null, new URL('./no-such-worker.ts', import.meta.url));
    expect(r.inThread).toMatch(/worker/);
  });
});
