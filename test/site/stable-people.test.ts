// People URLs do not move when a same-named member joins: the existing URL shows the same person, and
// the slug someone else could have taken (the bare name) redirects to the first writer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, ROOT } from '../helpers/site.ts';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { personUrl } from '../../src/site/urls.ts';
import type { Archive } from '../../src/model/types.ts';

const day = (date: string, msgs: [string, string, string][]) =>
  `---\nlayout:     source\ntitle:      "${date}-WeChat"\ndate:       ${date} 12:00:00\nauthor:     "None"\n---\n` +
  msgs.map(([t, who, body]) => `> ${t}  ${who}  \n   \n${body}  \n   \n`).join('');
const DAY1 = day('2020-01-01', [['09:00:00', 'wood-通联-上海', '对账文件几点出？'], ['09:01:00', '老孟-支付网-北京', '一般凌晨两点']]);
// A second "wood" (other company) and a company-less one join later; the new day's file sorts first.
const DAY0 = day('2020-02-01', [['10:00:00', 'wood-银联-北京', '我也叫 wood'], ['10:01:00', 'Wood', '我也是'], ['10:02:00', 'wood-通联-上海', '哈哈']]);

const archiveOf = (logs: [string, string][]): Archive => buildArchive({ groups: [], topics: [], glossary: [], logs: logs.map(([file, source]) => ({ file, source })) });
const idOf = (a: Archive, alias: string) => a.speakers.find((s) => s.aliases.includes(alias))?.id;

describe('stable people URLs', () => {
  it('keeps the existing person\'s id when same-named speakers join, and redirects the bare name to them', () => {
    const before = archiveOf([['devarch/2020-01-01-chat.markdown', DAY1]]);
    const after = archiveOf([['devarch/2020-01-01-chat.markdown', DAY1], ['aaa/2020-02-01-chat.markdown', DAY0]]);
    const id = idOf(before, 'wood-通联-上海')!;
    expect(idOf(after, 'wood-通联-上海')).toBe(id);
    const woods = after.speakers.filter((s) => s.name.toLowerCase() === 'wood');
    expect(new Set(woods.map((s) => s.id)).size).toBe(3);
    // `wood` was a redirect to the first wood before, and still is; the bare-name newcomer took it, so it is theirs now.
    expect(before.speakerRedirects).toContainEqual({ from: 'wood', to: id });
    expect(idOf(after, 'Wood')).toBe('wood');
  });

  describe('in a built site', () => {
    let dir: string;
    let site: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'cka-people-'));
      const content = join(dir, 'content');
      mkdirSync(join(content, 'logs', 'devarch'), { recursive: true });
      for (const f of ['groups.yaml', 'topics.yaml']) if (existsSync(join(ROOT, 'content', f))) copyFileSync(join(ROOT, 'content', f), join(content, f));
      writeFileSync(join(content, 'logs', 'devarch', '2020-01-01-chat.markdown'), DAY1);
      writeFileSync(join(content, 'logs', 'devarch', '2020-02-01-chat.markdown'), DAY0.replace(/> 10:01:00  Wood  \n   \n我也是  \n   \n/, ''));
      site = join(dir, 'site');
      buildSite(content, site, { CKA_SITE: 'https://archive.example' });
    }, 240_000);
    afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('the existing URL shows the same person and the bare name is a CSP-clean redirect to it', () => {
      const a = archiveOf([['devarch/2020-01-01-chat.markdown', DAY1]]);
      const url = personUrl(idOf(a, 'wood-通联-上海')!);
      const page = readFileSync(join(site, decodeURIComponent(url), 'index.html'), 'utf8');
      expect(page).toContain('wood-通联-上海');
      expect(page).not.toContain('wood-银联-北京');
      const redirect = readFileSync(join(site, 'people/wood/index.html'), 'utf8');
      expect(redirect).toMatch(new RegExp(`<meta http-equiv="refresh" content="0; url=${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      expect(redirect).toContain(`<link rel="canonical" href="https://archive.example${url}"`);
      expect(redirect).toContain('Content-Security-Policy');
      expect(redirect).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    });
  });
});
