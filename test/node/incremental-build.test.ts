// An incremental build (npm run build over the previous dist, warm analysis cache, unchanged pages taken from the
// previous build) must give exactly the site a clean build gives: every file, byte for byte — pages, search
// shards, sitemap, feed, .gz and .br (those of unchanged files taken from the previous build), person and question
// pages. The rebuild follows `add` of a new day and an edit of an existing day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { filesUnder } from '../helpers/files.ts';
import { ARCHIVE, ROOT, cli, tempContent } from '../helpers/content.ts';

const files = filesUnder;

function npmBuild(content: string, out: string, cache: string) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/build.ts', out], {
    cwd: ROOT,
    env: { ...process.env, CKA_CONTENT_DIR: content, CKA_CACHE_DIR: cache, CKA_SITE: 'https://archive.example.org' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

describe('incremental build', () => {
  let tmp: string;
  let incremental: string;
  let clean: string;
  let rebuildLog: string;

  beforeAll(() => {
    const content = tempContent(['devarch/2017-12-19', 'devarch/2018-08-07', 'prodrd/2019-01-08', 'proddev/2017-09-20']);
    // The builds go inside the project: Astro stages a build whose output lies outside it in the project's one
    // .astro/ folder, which another test's build at the same time would clobber (test/helpers/site.ts).
    mkdirSync(join(ROOT, '.test-sites'), { recursive: true });
    tmp = mkdtempSync(join(ROOT, '.test-sites', 'incremental-'));
    const contentTmp = dirname(content);
    onCleanup.push(() => rmSync(contentTmp, { recursive: true, force: true }));
    incremental = join(tmp, 'dist');
    const cache = join(tmp, 'cache');
    npmBuild(content, incremental, cache);
    // A maintainer adds a (quiet) day between two devarch days, and a member's message is appended to the prodrd day
    // in the exporter's layout. proddev is untouched: its pages can come from the previous build.
    const add = cli(content, ['add', join(ARCHIVE, 'devarch/2017-12-28-chat.markdown')]);
    expect(add.status, add.out).toBe(0);
    appendFileSync(join(content, 'logs/prodrd/2019-01-08-chat.markdown'), '> 23:59:58  新来的人  \n   \n请问分录流水是什么意思？\n   \n');
    rebuildLog = npmBuild(content, incremental, cache);
    clean = join(tmp, 'clean');
    npmBuild(content, clean, join(tmp, 'cache-clean'));
  }, 900_000);
  const onCleanup: (() => void)[] = [];
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    for (const f of onCleanup) f();
  });

  it('reuses analysis and pages of the days that did not change', () => {
    const days = /cache: (\d+) of (\d+) days reused/.exec(rebuildLog);
    expect(days, rebuildLog).not.toBeNull();
    expect(Number(days![1])).toBeGreaterThanOrEqual(1);
    const pages = /reuse +([\d,]+) of ([\d,]+) day, thread, person and question pages/.exec(rebuildLog);
    expect(pages, rebuildLog).not.toBeNull();
    const [reused, total] = [Number(pages![1]!.replace(/,/g, '')), Number(pages![2]!.replace(/,/g, ''))];
    // proddev's day and threads did not change; the added day, its neighbours and the edited day did.
    expect(reused).toBeGreaterThan(0);
    expect(reused).toBeLessThan(total);
    // Person pages too: most members wrote on none of the changed days (the newcomer's page is new).
    const person = /person ([\d,]+)\/([\d,]+)/.exec(rebuildLog);
    expect(person, rebuildLog).not.toBeNull();
    expect(Number(person![1]!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(Number(person![1]!.replace(/,/g, ''))).toBeLessThan(Number(person![2]!.replace(/,/g, '')));
    expect(rebuildLog).toMatch(/question [\d,]+\/[\d,]+/);
  });

  it('takes the compressed copies of unchanged files from the previous build', () => {
    const m = /precompress +([\d,]+) of [\d,]+ text files \(([\d,]+) taken from the previous build[;)]/.exec(rebuildLog);
    expect(m, rebuildLog).not.toBeNull();
    const [compressed, reused] = [Number(m![1]!.replace(/,/g, '')), Number(m![2]!.replace(/,/g, ''))];
    expect(reused).toBeGreaterThan(0);
    // The changed pages, the search manifest and the sitemap are compressed afresh.
    expect(reused).toBeLessThan(compressed);
  });

  it('writes the same files as a clean build, byte for byte', () => {
    const a = files(incremental).map((f) => relative(incremental, f)).sort();
    const b = files(clean).map((f) => relative(clean, f)).sort();
    expect(a).toEqual(b);
    expect(a.some((f) => f.endsWith('.br')) && a.some((f) => f.startsWith('search/')) && a.includes('sitemap.xml')).toBe(true);
    const differing = a.filter((f) => !readFileSync(join(incremental, f)).equals(readFileSync(join(clean, f))));
    expect(differing).toEqual([]);
    // The added day and the edited message are there.
    expect(readFileSync(join(clean, 'devarch/2017-12-28/index.html'), 'utf8')).toContain('<article');
    expect(readFileSync(join(incremental, 'prodrd/2019-01-08/index.html'), 'utf8')).toContain('新来的人');
  });
});
