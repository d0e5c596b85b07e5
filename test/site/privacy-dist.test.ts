// A small site with planted personal numbers and an opted-out member: after `astro build`, no file of
// dist/ (pages, feed, sitemap, JSON-LD, search index — compressed ones decompressed) holds a planted
// number, the member's nickname or their name, and their messages are still there under the pseudonym.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, ROOT } from '../helpers/site.ts';
import { cli } from '../helpers/content.ts';
import { pseudonymOf } from '../../src/speakers/opt-out.ts';

const PLANTED = ['13122708365', '18515359890', 'zhang.san@example.com', '010-62345678', '11010519491231002X', '6222021234567890128'];
const NICK = '栗子明-蓝蝶支付-北京';
const SECRETS = [NICK, '栗子明', '栗子明-蓝蝶支付'];

const header = `---\nlayout:     source\ntitle:      "2020-01-01-WeChat"\ndate:       2020-01-01 12:00:00\nauthor:     "${NICK}"\n---\n`;
const msg = (t: string, who: string, body: string) => `> ${t}  ${who}  \n   \n${body}  \n   \n`;
const LOG = header + [
  msg('09:00:01', NICK, '大家好，有问题可以打我电话13122708365，或者发邮件 zhang.san@example.com'),
  msg('09:00:05', 'wood-通联-上海', '@栗子明 收到，我们座机 010-62345678，微信pay18515359890'),
  msg('09:00:09', '老孟-支付网-北京', '联系18515359890，身份证 11010519491231002X 卡号 6222021234567890128 别发群里'),
  msg('09:01:00', 'wood-通联-上海', `「 ${NICK}: 有问题可以打我电话 」 - - - - - - - - - - - - - - - 栗子明说得对，清算要看对账`),
  msg('09:02:00', NICK, '清算和对账是两回事，栗子明补充一下'),
].join('');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? files(p) : [p]; });
}
function textOf(p: string): string {
  const b = readFileSync(p);
  const body = b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
  return body.toString('utf8');
}

describe('privacy in a built site', () => {
  let dir: string;
  let site: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cka-privacy-'));
    const content = join(dir, 'content');
    mkdirSync(join(content, 'logs', 'devarch'), { recursive: true });
    for (const f of ['groups.yaml', 'topics.yaml']) if (existsSync(join(ROOT, 'content', f))) copyFileSync(join(ROOT, 'content', f), join(content, f));
    writeFileSync(join(content, 'privacy.yaml'), `optOut:\n  - ${NICK}\n`);
    writeFileSync(join(content, 'logs', 'devarch', '2020-01-01-chat.markdown'), LOG);
    site = join(dir, 'site');
    buildSite(content, site);
  }, 240_000);
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('no file of dist/ holds a planted number or the opted-out nickname or name', () => {
    const all = files(site);
    expect(all.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const p of all) {
      const t = textOf(p);
      const decoded = (() => { try { return decodeURIComponent(t); } catch { return t; } })();
      for (const s of [...PLANTED, ...SECRETS]) if (t.includes(s) || decoded.includes(s) || t.includes(encodeURIComponent(s))) leaks.push(`${p.slice(site.length)}: ${s}`);
    }
    expect(leaks).toEqual([]);
  });

  it('keeps the opted-out member\'s messages, under a stable pseudonym with its own page', () => {
    const p = pseudonymOf(NICK);
    const day = readFileSync(join(site, 'devarch/2020-01-01/index.html'), 'utf8');
    expect(day).toContain('清算和对账是两回事');
    expect(day).toContain(p.name);
    expect(day).toContain('[电话已隐去]');
    expect(existsSync(join(site, 'people', p.id, 'index.html'))).toBe(true);
  });

  it('export masks them too; export --raw (the owner\'s copy) keeps every number and the nickname as written', () => {
    const content = join(dir, 'content');
    const masked = cli(content, ['export']);
    expect(masked.status, masked.out).toBe(0);
    for (const s of [...PLANTED, NICK]) expect(masked.stdout.includes(s), s).toBe(false);
    const raw = cli(content, ['export', '--raw']);
    expect(raw.status, raw.out).toBe(0);
    for (const s of [...PLANTED, NICK]) expect(raw.stdout.includes(s), s).toBe(true);
  });
});
