// A site built from a hostile day log (script tags, javascript:/data: links, on* attributes in names, links and
// image alt text, entity-encoded script, </script> inside JSON-LD text, a 5,000-character line) must run no
// script from the log and still lay out. Checked in a real browser, not by string matching alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTEFACTS, launch, skipBrowserTests } from '../helpers/browser.ts';
import { serveSite } from '../helpers/server.ts';
import { buildSite, ROOT } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, personUrl, threadUrl } from '../../src/site/urls.ts';
import { HOSTILE_DATE, HOSTILE_GROUP, HOSTILE_MESSAGE_COUNT, hostileLog } from './hostile-log.ts';

const skip = skipBrowserTests();

describe.skipIf(skip)('site built from a hostile log', () => {
  let dir: string;
  let site: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  let paths: string[];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cka-hostile-'));
    const content = join(dir, 'content');
    mkdirSync(join(content, 'logs', HOSTILE_GROUP), { recursive: true });
    for (const f of ['groups.yaml', 'topics.yaml']) if (existsSync(join(ROOT, 'content', f))) copyFileSync(join(ROOT, 'content', f), join(content, f));
    // The glossary too, so glossary-term linking runs over the hostile text as well.
    if (existsSync(join(ROOT, 'content/glossary'))) cpSync(join(ROOT, 'content/glossary'), join(content, 'glossary'), { recursive: true });
    writeFileSync(join(content, 'logs', HOSTILE_GROUP, `${HOSTILE_DATE}-chat.markdown`), hostileLog());
    site = join(dir, 'site');
    buildSite(content, site);
    const archive = loadArchive(content);
    paths = [
      '/', `/${HOSTILE_GROUP}/`, dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`), '/people/', '/topics/',
      ...archive.threads.map((t) => threadUrl(t.id)),
      ...archive.speakers.map((s) => personUrl(s.id)),
      ...[...new Set(archive.threads.flatMap((t) => t.topics))].map((s) => `/topics/${s}/`),
    ];
    server = await serveSite(site);
    browser = await launch();
    page = await browser.context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs no script from the log on any page and injects no handler, javascript: URL, frame or style', async () => {
    for (const path of paths) {
      const res = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      expect(res?.status(), path).toBe(200);
      await page.mouse.move(200, 300); // hover would fire an injected onmouseover
      const report = await page.evaluate(() => {
        const all = [...document.querySelectorAll('*')];
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          onAttrs: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
          badUrls: all.flatMap((el) => ['href', 'src', 'action', 'xlink:href', 'formaction'].map((n) => el.getAttribute(n)).filter((v): v is string => !!v && /^\s*(javascript|data|vbscript):/i.test(v))),
          frames: document.querySelectorAll('iframe, object, embed, frame, math, body svg:not(.timeline svg):not(.calendar svg):not(.trend svg) script').length,
          styles: document.querySelectorAll('body style').length,
          scripts: [...document.scripts].map((s) => ({ src: s.getAttribute('src'), type: s.type, text: s.type === 'application/ld+json' ? s.textContent : null })),
          bodyHidden: getComputedStyle(document.body).display === 'none',
        };
      });
      expect(report.pwned, path).toBeNull();
      expect(report.onAttrs, path).toEqual([]);
      expect(report.badUrls, path).toEqual([]);
      expect(report.frames, path).toBe(0);
      expect(report.styles, path).toBe(0);
      expect(report.bodyHidden, path).toBe(false);
      for (const s of report.scripts) {
        // Only the site's own scripts: same-origin files, or JSON-LD that still parses as JSON.
        if (s.type === 'application/ld+json') expect(() => JSON.parse(s.text ?? '')).not.toThrow();
        else expect(s.src, `${path}: inline script ${JSON.stringify(s)}`).toMatch(/^\/[^/]/);
      }
    }
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows the hostile text as text, every message with its anchor, and safe links only', async () => {
    await page.goto(`${server.url}${dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`)}`);
    expect(await page.locator('.messages > li[id^="m"]').count()).toBe(HOSTILE_MESSAGE_COUNT);
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>window.__pwned=1;alert(1)</script>');
    expect(text).toContain('</script><script>window.__pwned=1</script>');
    expect(text).toContain('javascript:window.__pwned=1');
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toContain('https://example.com/a?b=1&c=2');
    for (const h of hrefs) expect(h).toMatch(/^(https?:\/\/|\/|#)/);
    // The image whose alt text tries to break out of its attribute keeps that alt text, verbatim.
    const alts = await page.locator('img.chat-img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')));
    const placeholders = await page.locator('.img-missing').allInnerTexts();
    expect([...alts, ...placeholders].some((a) => (a ?? '').includes('x" onerror="window.__pwned=1'))).toBe(true);
  });

  it('keeps the layout within the viewport on desktop and phone (long lines wrap)', async () => {
    for (const vp of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
      await page.setViewportSize(vp);
      for (const path of [dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`), ...paths.filter((p) => /\/t\d+\/$/.test(p))]) {
        await page.goto(`${server.url}${path}`);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(over, `${path} at ${vp.width}px`).toBeLessThanOrEqual(0);
      }
      await page.goto(`${server.url}${dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`)}`);
      await page.screenshot({ path: join(ARTEFACTS, `hostile-day-${vp.width}.png`) });
    }
  });

  it('keeps the home page when a speaker is named "..", and writes feed and sitemap as well-formed XML', async () => {
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('<h1>支付群聊天知识库</h1>');
    for (const path of ['/feed.xml', '/sitemap.xml']) {
      const xml = await (await page.goto(`${server.url}${path}`))!.text();
      const err = await page.evaluate((x) => new DOMParser().parseFromString(x, 'application/xml').querySelector('parsererror')?.textContent ?? null, xml);
      expect(err, path).toBeNull();
    }
  });
});
