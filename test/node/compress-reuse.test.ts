// Incremental precompression: unchanged files get the previous build's copies, changed ones are compressed, and
// the result is byte for byte what compressing from scratch gives; a tampered copy or other settings are never used.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MIN_BYTES, PRECOMPRESS_SETTINGS, precompressDir } from '../../src/integrations/precompress.ts';
import { compressReuse, compressSettings } from '../../src/node/compress-reuse.ts';
import { filesUnder } from '../helpers/files.ts';

const page = (word: string) => '<!doctype html><p>' + `支付宝 ${word} 清算 `.repeat(400) + '</p>';

function site(dir: string, files: Record<string, string>): void {
  for (const [p, body] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), body);
  }
}

const snapshot = (dir: string) => Object.fromEntries(filesUnder(dir).map((f) => [relative(dir, f), readFileSync(f).toString('base64')]));

describe('compress reuse', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cka-compress-reuse-'));
    env = { CKA_CACHE_DIR: join(tmp, 'cache') };
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const v1 = { 'a/index.html': page('分录'), 'b/index.html': page('对账'), 'search/0.json': JSON.stringify(Array(200).fill('token')) };
  const v2 = { ...v1, 'b/index.html': page('备付金'), 'c/index.html': page('收单') };

  /** A first build into `dist`, then a second one of `files` into a staging folder reusing from `dist`. */
  async function rebuild(files: Record<string, string>, settings = PRECOMPRESS_SETTINGS, tamper?: (dist: string) => void) {
    const dist = join(tmp, 'dist');
    site(dist, v1);
    await precompressDir(dist, MIN_BYTES, compressReuse(dist, PRECOMPRESS_SETTINGS, env));
    tamper?.(dist);
    const staging = join(tmp, 'staging');
    site(staging, files);
    const stats = await precompressDir(staging, MIN_BYTES, compressReuse(dist, settings, env));
    const clean = join(tmp, 'clean');
    site(clean, files);
    await precompressDir(clean);
    return { stats, staging, clean };
  }

  it('takes the copies of identical files and compresses the rest, giving what a clean run gives', async () => {
    const { stats, staging, clean } = await rebuild(v2);
    expect(stats.compressed).toBe(4);
    expect(stats.reused).toBe(2); // a/index.html and search/0.json
    expect(snapshot(staging)).toEqual(snapshot(clean));
  });

  it('never uses a copy whose bytes are not the recorded ones', async () => {
    const { stats, staging, clean } = await rebuild(v2, PRECOMPRESS_SETTINGS, (dist) => {
      // Same length, other bytes: a copy edited or half-written after the build.
      const gz = readFileSync(join(dist, 'a/index.html.gz'));
      gz[gz.length - 1]! ^= 1;
      writeFileSync(join(dist, 'a/index.html.gz'), gz);
    });
    expect(stats.reused).toBe(1);
    expect(snapshot(staging)).toEqual(snapshot(clean));
  });

  it('reuses nothing when the compression settings differ', async () => {
    const other = compressSettings({ gzip: 9, brotli: 11, min: MIN_BYTES });
    const { stats, staging, clean } = await rebuild(v2, other);
    expect(stats.reused).toBe(0);
    expect(snapshot(staging)).toEqual(snapshot(clean));
  });

  it('does not take a copy when the previous file changed after its manifest was written', async () => {
    const { stats } = await rebuild(v2, PRECOMPRESS_SETTINGS, (dist) => {
      // The old folder's page replaced together with its copies by something else: its hashes no longer match.
      cpSync(join(dist, 'b/index.html.gz'), join(dist, 'a/index.html.gz'));
    });
    expect(stats.reused).toBe(1);
  });
});
