// Names from chat text must not be able to break the build: a 200-character nickname or a quoted header
// line of 96+ characters made `astro build` fail with ENAMETOOLONG (one folder per speaker under people/).
// Builds a small site whose speakers have such names and checks every person page was written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, ROOT } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, personUrl } from '../../src/site/urls.ts';
import { MAX_SLUG_BYTES } from '../../src/text/slug.ts';

const NAMES = [
  '测'.repeat(200),
  'A'.repeat(200),
  '「 张三-银联-技术: ' + '这是一条很长的被引用消息，'.repeat(8) + '」 - - - - - -',
  '..',
  '/',
  'a/../../b',
  '!!!???***',
  '😀😀😀',
];

function log(): string {
  const body = NAMES.map((n, i) => `> 09:00:${String(i).padStart(2, '0')}  ${n}  \n   \n第 ${i} 条消息  \n   \n`).join('');
  return `---\nlayout:     source\ntitle:      "2020-01-01-WeChat"\ndate:       2020-01-01 12:00:00\nauthor:     "PaymentGroup"\n---\n${body}`;
}

describe('site built from a log with very long and odd speaker names', () => {
  let dir: string;
  let site: string;
  let content: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cka-longnames-'));
    content = join(dir, 'content');
    mkdirSync(join(content, 'logs', 'devarch'), { recursive: true });
    for (const f of ['groups.yaml', 'topics.yaml']) if (existsSync(join(ROOT, 'content', f))) copyFileSync(join(ROOT, 'content', f), join(content, f));
    writeFileSync(join(content, 'logs', 'devarch', '2020-01-01-chat.markdown'), log());
    site = join(dir, 'site');
    buildSite(content, site);
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds, with a bounded page for every speaker and every message on the day page', () => {
    const archive = loadArchive(content);
    expect(archive.days[0]!.messages.length).toBe(NAMES.length);
    expect(archive.speakers.length).toBeGreaterThanOrEqual(NAMES.length - 1);
    for (const s of archive.speakers) {
      const path = decodeURIComponent(personUrl(s.id));
      for (const part of path.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
      expect(existsSync(join(site, path, 'index.html')), path).toBe(true);
    }
    const day = readFileSync(join(site, dayUrl('devarch/2020-01-01'), 'index.html'), 'utf8');
    for (let i = 0; i < NAMES.length; i++) expect(day).toContain(`id="m${i + 1}"`);
    // The home page is still the home page (a speaker called ".." must not overwrite it).
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('<h1>');
  });
});
