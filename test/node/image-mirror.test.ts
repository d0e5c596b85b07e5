// The image mirror against a local HTTP server started here: an image, an oversized image, a page that is not an
// image, a 404, a file that claims to be a PNG and is not, and a host that never answers. The right one is
// mirrored under a content-hashed name; the others keep their original URL and each gives a warning naming the
// day file and line. Then a site built with the mirror on shows the copy and still links the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirrorImages } from '../../src/node/image-mirror.ts';
import { loadConfig } from '../../src/node/config.ts';
import { judgeBody, judgeHead, mirroredPath } from '../../src/site/image-mirror.ts';
import { ROOT } from '../helpers/site.ts';
import { filesUnder } from '../helpers/files.ts';
import type { DocChunk } from '../../src/search/format.ts';
import { urlAttr } from '../../src/site/safe-url.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const LIMIT = 4096;
const BIG = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(LIMIT * 4, 1)]);
const NAMES = ['ok.png', 'big.png', 'page.html', 'missing.png', 'fake.png', 'slow.png', 'ok-again.png', 'stream.png'];

let server: Server;
let base: string;
let dir: string;
const hung: import('node:http').ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/ok.png' || path === '/ok-again.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(PNG); }
    // Too large, said up front (Content-Length), or found out while reading (chunked, no length).
    else if (path === '/big.png') { res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(BIG.length) }); res.end(BIG); }
    else if (path === '/stream.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.write(BIG.subarray(0, LIMIT)); res.end(BIG.subarray(LIMIT)); }
    else if (path === '/page.html') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end('<html>not an image</html>'); }
    else if (path === '/fake.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.end('<svg onload="alert(1)"></svg>'); }
    else if (path === '/slow.png') { hung.push(res); } // never answers
    else { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('gone'); }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'cka-mirror-'));
});
afterAll(async () => {
  for (const r of hung) r.destroy();
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

const refs = () => NAMES.map((n, i) => ({ url: `${base}/${n}`, file: 'devarch/2020-01-01-chat.markdown', line: 10 + i * 4 }));

describe('judging a download', () => {
  it('keeps only raster images within the limit whose bytes match their type', () => {
    expect(judgeHead(404, 'image/png', null, LIMIT)).toBe('HTTP 404');
    expect(judgeHead(200, 'text/html', 10, LIMIT)).toMatch(/not an image/);
    expect(judgeHead(200, 'image/svg+xml', 10, LIMIT)).toMatch(/not an image/); // SVG could carry script
    expect(judgeHead(200, 'image/png', LIMIT + 1, LIMIT)).toMatch(/too large/);
    expect(judgeHead(200, 'image/PNG; charset=binary', 100, LIMIT)).toBeNull();
    expect(judgeBody('image/png', PNG, LIMIT)).toEqual({ ext: 'png' });
    expect(judgeBody('image/jpeg', PNG, LIMIT)).toEqual({ refused: 'content is not image/jpeg' });
  });
});

describe('mirrorImages', () => {
  it('mirrors the image, keeps the rest as links with a located warning each', async () => {
    const cache = join(dir, 'cache');
    const r = await mirrorImages(refs(), { cacheDir: cache, maxBytes: LIMIT, timeoutMs: 1500 });
    const hash = createHash('sha256').update(PNG).digest('hex');
    expect(r.mirrored).toEqual(new Map([[`${base}/ok.png`, mirroredPath(hash, 'png')], [`${base}/ok-again.png`, mirroredPath(hash, 'png')]]));
    expect(readdirSync(cache).sort()).toEqual([`${hash.slice(0, 20)}.png`, 'index.json']); // one file for the same bytes
    expect(readFileSync(join(cache, `${hash.slice(0, 20)}.png`)).equals(PNG)).toBe(true);
    expect(r.warnings).toEqual([
      `devarch/2020-01-01-chat.markdown:14: warning: image not mirrored, too large (${BIG.length} bytes, limit ${LIMIT}); the page links the original: ${base}/big.png`,
      `devarch/2020-01-01-chat.markdown:18: warning: image not mirrored, not an image (text/html); the page links the original: ${base}/page.html`,
      `devarch/2020-01-01-chat.markdown:22: warning: image not mirrored, HTTP 404; the page links the original: ${base}/missing.png`,
      `devarch/2020-01-01-chat.markdown:26: warning: image not mirrored, content is not image/png; the page links the original: ${base}/fake.png`,
      `devarch/2020-01-01-chat.markdown:30: warning: image not mirrored, no answer within 1500 ms; the page links the original: ${base}/slow.png`,
      `devarch/2020-01-01-chat.markdown:38: warning: image not mirrored, too large (over ${LIMIT} bytes); the page links the original: ${base}/stream.png`,
    ]);
    // A later build when the host is gone: the stored copy is reused, nothing is downloaded.
    const again = await mirrorImages([{ url: `${base}/ok.png`, file: 'x', line: 1 }], { cacheDir: cache, maxBytes: LIMIT, timeoutMs: 1500 });
    expect([again.reused, again.downloaded]).toEqual([1, 0]);
  }, 20_000);

  it('is off by default and configurable from archive.config.json or the environment', () => {
    const cfgRoot = mkdtempSync(join(tmpdir(), 'cka-mirror-cfg-'));
    expect(loadConfig(cfgRoot, {}).images.mirror).toBe(false);
    writeFileSync(join(cfgRoot, 'archive.config.json'), JSON.stringify({ images: { mirror: true, maxBytes: 1000, timeoutMs: 500 } }));
    expect(loadConfig(cfgRoot, {}).images).toMatchObject({ mirror: true, maxBytes: 1000, timeoutMs: 500 });
    expect(loadConfig(cfgRoot, { CKA_MIRROR_IMAGES: '0', CKA_IMAGE_MAX_BYTES: '2000' }).images).toMatchObject({ mirror: false, maxBytes: 2000 });
    expect(() => loadConfig(cfgRoot, { CKA_IMAGE_TIMEOUT_MS: 'soon' })).toThrow(/CKA_IMAGE_TIMEOUT_MS must be a positive number/);
    rmSync(cfgRoot, { recursive: true, force: true });
  });
});

describe('a site built with the mirror on', () => {
  it('shows the mirrored copy from the site, links the original, and warns for the others', async () => {
    const content = join(dir, 'content');
    mkdirSync(join(content, 'logs', 'devarch'), { recursive: true });
    for (const f of ['groups.yaml', 'topics.yaml']) copyFileSync(join(ROOT, 'content', f), join(content, f));
    const body = NAMES.filter((n) => n !== 'slow.png').map((n, i) => `> 09:00:0${i}  测试-公司-产品  \n   \n![图${i}](${base}/${n})  \n   \n`).join('');
    writeFileSync(join(content, 'logs', 'devarch', '2020-01-01-chat.markdown'), `---\nlayout:     source\ntitle:      "2020-01-01-WeChat"\ndate:       2020-01-01 12:00:00\nauthor:     "x"\n---\n${body}`);
    const out = join(dir, 'site');
    // Asynchronous: the build downloads from this process's server, which must keep answering meanwhile.
    const log = await new Promise<{ status: number | null; text: string }>((ok) => {
      const p = spawn(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', out], {
        cwd: ROOT,
        env: { ...process.env, CKA_SITE: 'https://archive.example.org', CKA_CONTENT_DIR: content, CKA_CACHE_DIR: join(dir, 'build-cache'), CKA_MIRROR_IMAGES: '1', CKA_IMAGE_MAX_BYTES: String(LIMIT), CKA_IMAGE_TIMEOUT_MS: '3000' },
      });
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.stderr.on('data', (d) => (text += d));
      p.on('close', (status) => ok({ status, text }));
    });
    expect(log.status, log.text).toBe(0);
    const hash = createHash('sha256').update(PNG).digest('hex');
    const local = mirroredPath(hash, 'png');
    expect(readFileSync(join(out, local)).equals(PNG)).toBe(true);
    const html = readFileSync(join(out, 'devarch/2020-01-01/index.html'), 'utf8');
    const imgs = [...html.matchAll(/<a class="chat-img-wrap" href="([^"]+)"[^>]*><img class="chat-img" src="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    const orig = (n: string) => urlAttr(`${base}/${n}`)!;
    expect(imgs).toEqual([
      [orig('ok.png'), local],
      [orig('big.png'), orig('big.png')],
      [orig('page.html'), orig('page.html')],
      [orig('missing.png'), orig('missing.png')],
      [orig('fake.png'), orig('fake.png')],
      [orig('ok-again.png'), local],
      [orig('stream.png'), orig('stream.png')],
    ]);
    for (const [n, line] of [['big.png', 11], ['page.html', 15], ['missing.png', 19], ['fake.png', 23], ['stream.png', 31]] as const) {
      expect(log.text).toContain(`devarch/2020-01-01-chat.markdown:${line}: warning: image not mirrored`);
      expect(log.text).toContain(`${base}/${n}`);
    }
    expect(existsSync(join(out, 'img'))).toBe(true);
    // Search results show the same copy: the index's image spans carry the mirrored path (src/search/doc-segments.ts).
    const docs = filesUnder(join(out, 'search', 'docs')).filter((f) => f.endsWith('.json'));
    const spans = docs.flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as DocChunk).m.flatMap((m) => m[3] ?? []));
    const shown = new Map(spans.filter((sp) => sp[2] === 'i').map((sp) => [sp[3]!, sp[5] ?? null]));
    expect(shown.get(`${base}/ok.png`)).toBe(local);
    expect(shown.get(`${base}/ok-again.png`)).toBe(local);
    expect(shown.get(`${base}/missing.png`)).toBeNull();
  }, 240_000);
});
