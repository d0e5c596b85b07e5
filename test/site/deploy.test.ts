// The production build as `npm run build` runs it (scripts/build.ts), on a small archive: stage lines instead of
// per-page logging, a failed build keeps the previous site, and without a public site URL nothing says localhost.
// Then the bundled site built with a site URL (test/global-setup.ts): absolute canonical, sitemap and robots.txt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { filesUnder } from '../helpers/files.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { MAIN_SITE, ROOT } from '../helpers/site.ts';
import { MIN_BYTES, PRECOMPRESSED_EXTENSIONS } from '../../src/integrations/precompress.ts';
import { serveSite } from '../helpers/server.ts';
import { fixtureLogsDir } from '../helpers/fixture.ts';

// Term vectors train on a worker thread and report when they are done: after the (model-less, instant) embeddings.
const STAGES = ['bundle', 'read logs', 'parse+threads', 'view model', 'related', 'glossary', 'embeddings', 'term vectors', 'questions', 'pages', 'search index', 'question index', 'precompress', 'reuse', 'total'];

const files = filesUnder;

/** The `.dist.*` staging folders left in `dir`, after waiting up to 30 s for a background removal to end. */
async function stagingLeft(dir: string): Promise<string[]> {
  const left = () => readdirSync(dir).filter((n) => n.startsWith('.dist.'));
  for (let waited = 0; waited < 30_000 && left().length > 0; waited += 100) await new Promise((r) => setTimeout(r, 100));
  return left();
}

function npmBuild(out: string, env: Record<string, string>) {
  return spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/build.ts', out], {
    cwd: ROOT,
    env: { ...process.env, CKA_CACHE_DIR: `${out}.cache`, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('npm run build without a public site URL', () => {
  let tmp: string;
  let out: string;
  let failed: ReturnType<typeof npmBuild>;
  let built: ReturnType<typeof npmBuild>;
  let previousIndex: string;
  let stagingAfterFailed: string[];

  beforeAll(() => {
    // Inside the project: Astro stages a build whose output lies outside it in the project's one .astro/ folder,
    // which another test's build at the same time would clobber (test/helpers/site.ts).
    mkdirSync(join(ROOT, '.test-sites'), { recursive: true });
    tmp = mkdtempSync(join(ROOT, '.test-sites', 'deploy-'));
    const content = join(tmp, 'content');
    cpSync(join(ROOT, 'content'), content, { recursive: true, filter: (src) => !src.includes(`${join('content', 'logs')}`) || !/\.markdown$/.test(src) });
    // Two days of two groups keep the build small.
    for (const group of ['devarch', 'prodrd']) {
      const dir = join(fixtureLogsDir(), group);
      const day = readdirSync(dir).find((n) => n.endsWith('.markdown'));
      if (!day) throw new Error(`no log in ${dir}`);
      mkdirSync(join(content, 'logs', group), { recursive: true });
      cpSync(join(dir, day), join(content, 'logs', group, day));
    }
    out = join(tmp, 'dist');
    // The site being served before the build.
    mkdirSync(out);
    previousIndex = '<!doctype html><p>previous build</p>';
    writeFileSync(join(out, 'index.html'), previousIndex);
    writeFileSync(join(out, 'only-in-previous.html'), 'x');
    // A build that fails (its configuration is refused) must leave it as it was.
    failed = npmBuild(out, { CKA_CONTENT_DIR: content, CKA_SITE: 'ftp://archive.example.org' });
    stagingAfterFailed = readdirSync(tmp).filter((n) => n.startsWith('.dist.'));
    built = npmBuild(out, { CKA_CONTENT_DIR: content, CKA_SITE: '' });
  });

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('fails without touching the previous site, and leaves no staging folder', () => {
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/CKA_SITE.*https:\/\//);
    expect(failed.stderr).toContain('was left as it was');
    // Its staging folder is deleted before it exits (listed before the next build ran).
    expect(stagingAfterFailed).toEqual([]);
  });

  it('prints each stage once with counts and times, one warning about the site URL, and no line per page', () => {
    expect(built.status, built.stderr).toBe(0);
    const lines = (built.stdout + built.stderr).split('\n');
    const stageLines = lines.filter((l) => /^\[build\] \S/.test(l) && !l.includes('warning') && !l.includes('done:'));
    expect(stageLines.map((l) => l.slice(8, 22).trim())).toEqual(STAGES);
    for (const l of stageLines) expect(l).toMatch(/ · \d+\.\d+ s · at \d+\.\d+ s$/);
    expect(stageLines.find((l) => l.includes('parse+threads'))).toMatch(/2 days \(0 quiet\), [\d,]+ messages, \d+ threads/);
    expect(stageLines.find((l) => l.includes('] pages'))).toMatch(/\d+ pages/);
    expect(lines.filter((l) => l.includes('no public site URL'))).toHaveLength(1);
    // Astro's per-page lines look like "  ├─ /devarch/2017-12-19/t1/index.html (+123ms)".
    expect(lines.filter((l) => /[├└]─|index\.html \(\+/.test(l))).toEqual([]);
    expect(lines.length).toBeLessThan(30);
  });

  it('replaced the previous site as a whole', async () => {
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toBe(previousIndex);
    expect(existsSync(join(out, 'only-in-previous.html'))).toBe(false);
    // The replaced site is deleted by a detached process after the build exits (src/node/replace-dir.ts): it must
    // be gone soon, and no staging folder may stay.
    expect(await stagingLeft(tmp)).toEqual([]);
  });

  it('writes no localhost and no absolute URL of its own anywhere', () => {
    const texts = files(out).filter((f) => PRECOMPRESSED_EXTENSIONS.has(extname(f)));
    expect(texts.length).toBeGreaterThan(20);
    for (const f of texts) expect(readFileSync(f, 'utf8'), relative(out, f)).not.toMatch(/localhost|127\.0\.0\.1/);
    const pages = texts.filter((f) => f.endsWith('.html'));
    for (const f of pages) expect(readFileSync(f, 'utf8'), relative(out, f)).not.toContain('rel="canonical"');
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).not.toContain('<url>');
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).not.toMatch(/^Sitemap:/m);
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).toMatch(/<link rel="alternate" type="text\/html" href="\/[a-z]+\/\d{4}-\d\d-\d\d\/"\/>/);
    for (const id of feed.match(/<id>[^<]*<\/id>/g) ?? []) expect(id).toMatch(/^<id>urn:uuid:[0-9a-f-]{36}<\/id>$/);
    // JSON-LD of a thread page: the data stays, its URLs are left out (structured data wants absolute URLs).
    const thread = pages.find((f) => /\/t\d+\/index\.html$/.test(f));
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(readFileSync(thread!, 'utf8'))?.[1] ?? 'null');
    expect(ld['@type']).toBe('DiscussionForumPosting');
    expect(ld.headline).toBeTruthy();
    expect(ld.url).toBeUndefined();
    expect(ld.isPartOf).toBeUndefined();
  });

  it('writes .gz and .br beside every text asset, and the server sends them to clients that accept them', async () => {
    const texts = files(out).filter((f) => PRECOMPRESSED_EXTENSIONS.has(extname(f)) && statSync(f).size >= MIN_BYTES);
    for (const f of texts) {
      const original = readFileSync(f);
      expect(gunzipSync(readFileSync(`${f}.gz`)).equals(original), relative(out, f)).toBe(true);
      expect(brotliDecompressSync(readFileSync(`${f}.br`)).equals(original), relative(out, f)).toBe(true);
    }
    expect(texts.some((f) => f.includes(`${join('search', 'idx')}`))).toBe(true); // the search index too
    const server = await serveSite(out);
    try {
      const r = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'br' } });
      expect(r.headers.get('content-encoding')).toBe('br');
      expect(await r.text()).toBe(readFileSync(join(out, 'index.html'), 'utf8')); // fetch decodes br
    } finally {
      await server.close();
    }
  });
});

describe('the bundled site built with a public site URL', () => {
  const origin = 'https://archive.example.org'; // test/helpers/site.ts
  it('writes absolute canonical links, sitemap locations and the robots.txt Sitemap line', () => {
    expect(readFileSync(join(MAIN_SITE, 'robots.txt'), 'utf8')).toMatch(new RegExp(`^Sitemap: ${origin}/sitemap\\.xml$`, 'm'));
    const locs = readFileSync(join(MAIN_SITE, 'sitemap.xml'), 'utf8').match(/<loc>[^<]*<\/loc>/g) ?? [];
    expect(locs.length).toBeGreaterThan(100);
    for (const l of locs) expect(l.startsWith(`<loc>${origin}/`), l).toBe(true);
    expect(readFileSync(join(MAIN_SITE, 'index.html'), 'utf8')).toContain(`<link rel="canonical" href="${origin}/">`);
    const feed = readFileSync(join(MAIN_SITE, 'feed.xml'), 'utf8');
    expect(feed).toContain(`<id>${origin}/</id>`);
    expect(feed).not.toContain('urn:uuid');
  });
});
