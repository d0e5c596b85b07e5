// Compression while pages render: copies made from the bytes a page was written with are used only when the file
// still holds those bytes, and the result is the same, byte for byte, as compressing everything afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import fs, { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressBody, PRECOMPRESS_SETTINGS, precompressDir, worthCompressing } from '../../src/integrations/precompress.ts';
import { compressReuse } from '../../src/node/compress-reuse.ts';
import { activeEarlyCompression, startEarlyCompression, type EarlyCompression } from '../../src/integrations/early-compress.ts';
import { filesUnder } from '../helpers/files.ts';

const page = (n: number) => `<!doctype html><p>${'支付宝 分录流水 清算 对账 '.repeat(200 + n)}</p>`;
const roots: string[] = [];
let tap: EarlyCompression | null = null;
const original = fs.promises.writeFile;

afterEach(async () => {
  await tap?.finish();
  tap = null;
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function tmp(): string {
  const r = mkdtempSync(join(tmpdir(), 'cka-early-'));
  roots.push(r);
  return r;
}

const start = (dir: string, opts: { maxQueuedBytes?: number } = {}) =>
  (tap = startEarlyCompression(dir, { accept: (f, size) => worthCompressing(f, size), compress: (b) => compressBody(b), ...opts }));

async function writePages(dir: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    mkdirSync(join(dir, `d${i}`), { recursive: true });
    await fs.promises.writeFile(join(dir, `d${i}`, 'index.html'), Buffer.from(page(i)));
  }
}

describe('early compression', () => {
  it('writes the copies of pages as they are written, and precompression takes them instead of compressing again', async () => {
    const dir = tmp();
    const t = start(dir);
    await writePages(dir, 12);
    // Outside the output folder: not tapped.
    const other = tmp();
    await fs.promises.writeFile(join(other, 'x.html'), page(1));
    await t.finish();
    expect(t.made).toBe(12);
    expect(readdirSync(other)).toEqual(['x.html']);
    expect(fs.promises.writeFile).toBe(original);
    for (let i = 0; i < 12; i++) {
      const f = join(dir, `d${i}`, 'index.html');
      expect(gunzipSync(readFileSync(`${f}.gz`)).toString()).toBe(page(i));
      expect(brotliDecompressSync(readFileSync(`${f}.br`)).toString()).toBe(page(i));
    }
    const stats = await precompressDir(dir, undefined, undefined, undefined, t);
    expect(stats.early).toBe(12);
    expect(stats.compressed).toBe(12);
  });

  it('compresses again a file changed after it was written, and one written twice', async () => {
    const dir = tmp();
    const t = start(dir);
    await writePages(dir, 3);
    await fs.promises.writeFile(join(dir, 'd1', 'index.html'), page(50)); // written twice while tapped
    await t.finish();
    writeFileSync(join(dir, 'd2', 'index.html'), page(60)); // changed behind the tap's back
    const stats = await precompressDir(dir, undefined, undefined, undefined, t);
    expect(stats.early).toBe(1);
    expect(stats.compressed).toBe(3);
    expect(gunzipSync(readFileSync(join(dir, 'd1', 'index.html.gz'))).toString()).toBe(page(50));
    expect(brotliDecompressSync(readFileSync(join(dir, 'd2', 'index.html.br'))).toString()).toBe(page(60));
  });

  it('gives the same files as compressing afterwards, byte for byte, also when the queue overflows', async () => {
    const early = tmp();
    const late = tmp();
    // A queue smaller than two pages: most pages are left to the precompress pass.
    const t = start(early, { maxQueuedBytes: Buffer.byteLength(page(0)) * 1.5 });
    await writePages(early, 20);
    await t.finish();
    expect(t.made).toBeGreaterThan(0);
    expect(t.made).toBeLessThan(20);
    await writePages(late, 20);
    const a = await precompressDir(early, undefined, undefined, undefined, t);
    const b = await precompressDir(late);
    expect(a.early).toBe(t.made);
    expect(a.bytes).toEqual(b.bytes);
    const list = (d: string) => filesUnder(d).map((f) => relative(d, f)).sort();
    expect(list(early)).toEqual(list(late));
    for (const f of list(early)) expect(readFileSync(join(early, f)).equals(readFileSync(join(late, f))), f).toBe(true);
    // No temporary file of the tap is left.
    expect(list(early).filter((f) => f.includes('.early-'))).toEqual([]);
  });

  it('compresses files offered by a writer that does not go through fs.promises, and only while active', async () => {
    const dir = tmp();
    const t = start(dir);
    expect(activeEarlyCompression()).toBe(t);
    mkdirSync(join(dir, 'search'));
    const shard = join(dir, 'search', 'a.json');
    writeFileSync(shard, JSON.stringify({ t: page(3) }));
    t.offer(shard, readFileSync(shard));
    await t.finish();
    expect(activeEarlyCompression()).toBeNull();
    t.offer(join(dir, 'late.html'), Buffer.from(page(4))); // after finish: ignored
    expect(t.made).toBe(1);
    expect(gunzipSync(readFileSync(`${shard}.gz`)).equals(readFileSync(shard))).toBe(true);
    expect((await precompressDir(dir, undefined, undefined, undefined, t)).early).toBe(1);
  });

  it('in an incremental build leaves the unchanged files to the pass, which takes the previous copies', async () => {
    const env = { CKA_CACHE_DIR: tmp() };
    const dist = tmp();
    await writePages(dist, 4);
    await precompressDir(dist, undefined, compressReuse(dist, PRECOMPRESS_SETTINGS, env));
    const staging = tmp();
    const reuse = compressReuse(dist, PRECOMPRESS_SETTINGS, env);
    const t = (tap = startEarlyCompression(staging, {
      accept: (f, size) => worthCompressing(f, size),
      compress: (b) => compressBody(b),
      skip: (f, src) => reuse.recorded(relative(staging, f), src),
    }));
    await writePages(staging, 4);
    await fs.promises.writeFile(join(staging, 'd3', 'index.html'), page(70)); // changed: written twice, so the pass
    mkdirSync(join(staging, 'd9'));
    await fs.promises.writeFile(join(staging, 'd9', 'index.html'), page(9)); // new
    await t.finish();
    expect(t.made).toBe(1);
    const stats = await precompressDir(staging, undefined, reuse, undefined, t);
    expect([stats.reused, stats.early, stats.compressed]).toEqual([3, 1, 5]);
    expect(gunzipSync(readFileSync(join(staging, 'd3', 'index.html.gz'))).toString()).toBe(page(70));
  });

  it('refuses a second tap while one is active', () => {
    const dir = tmp();
    start(dir);
    expect(() => startEarlyCompression(dir, { accept: () => true, compress: (b) => compressBody(b) })).toThrow(/already/);
  });
});
