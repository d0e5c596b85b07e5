// A site built from a hostile day log (script tags, javascript:/data: links, on* attributes in names, links and
// image alt text, entity-encoded script, </script> inside JSON-LD text, a 5,000-character line; attribute
// breakouts through ", ', ` and entity-encoded quotes in link, image and bare URLs; style=; bidi controls in
// names and bodies; 200-character names; a forged header line; adversarial runs of markdown) must run no
// script from the log, carry no attribute we did not write, enforce the CSP and still lay out. Checked in a
// real browser, not by string matching alone.
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
import { safeHttpUrl } from '../../src/site/safe-url.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/site/csp.ts';
import { FORGED_HEADERS, HOSTILE_DATE, HOSTILE_GROUP, HOSTILE_MESSAGE_COUNT, hostileLog } from './hostile-log.ts';

const skip = skipBrowserTests();

/** The attributes the site writes on <a> and <img>; anything else on one is a breakout. */
const ALLOWED_A = ['href', 'class', 'rel', 'aria-label', 'aria-current', 'data-thread', 'data-q', 'title', 'id'];
const ALLOWED_IMG = ['class', 'src', 'alt', 'loading', 'decoding', 'referrerpolicy'];
/** The only style attributes the site writes: lane colours, chart heights, the calendar's size and legend. */
const OUR_STYLES = /^(?:--c: (?:#[0-9a-f]{3,8}|var\(--[a-z-]+\))|height: \d+px|max-width: [\d.]+px; --cal-min: \d+px|background: var\(--cal-\d\))$/;
// eslint-disable-next-line no-misleading-character-class
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

describe.skipIf(skip)('site built from a hostile log', () => {
  let dir: string;
  let site: string;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  let paths: string[];
  let archive: ReturnType<typeof loadArchive>;
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
    archive = loadArchive(content);
    paths = [
      '/', `/${HOSTILE_GROUP}/`, dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`), '/people/', '/topics/', '/search/', '/glossary/',
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
      const report = await page.evaluate(({ ALLOWED_A, ALLOWED_IMG }) => {
        const all = [...document.querySelectorAll('*')];
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          onAttrs: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
          badUrls: all.flatMap((el) => ['href', 'src', 'action', 'xlink:href', 'formaction'].map((n) => el.getAttribute(n)).filter((v): v is string => !!v && /^\s*(javascript|data|vbscript):/i.test(v))),
          frames: document.querySelectorAll('iframe, object, embed, frame, math, body svg:not(.timeline svg):not(.calendar svg):not(.trend svg) script').length,
          styleElements: document.querySelectorAll('body style').length,
          scripts: [...document.scripts].map((s) => ({ src: s.getAttribute('src'), type: s.type, text: s.type === 'application/ld+json' ? s.textContent : null })),
          bodyHidden: getComputedStyle(document.body).display === 'none',
          // Attributes on links and images beyond the ones the site writes: a breakout adds some.
          extraAttrs: [...document.querySelectorAll('a, img')].flatMap((el) => [...el.attributes]
            .filter((a) => !(el.tagName === 'IMG' ? ALLOWED_IMG : ALLOWED_A).includes(a.name))
            // A glossary term link points at its tooltip, an id the site numbers itself (Segments.astro).
            .filter((a) => !(el.tagName === 'A' && a.name === 'aria-describedby' && /^tt\d+$/.test(a.value)))
            .map((a) => `${el.tagName} ${a.name}=${a.value.slice(0, 40)}`)),
          // <meta> carries names and descriptions made of chat text: a breakout there could add http-equiv.
          metaAttrs: [...document.querySelectorAll('meta')].flatMap((el) => [...el.attributes].map((a) => a.name).filter((n) => !['charset', 'name', 'content', 'http-equiv'].includes(n))),
          metaRefresh: document.querySelectorAll('meta[http-equiv]:not([http-equiv="Content-Security-Policy"])').length,
          styles: all.flatMap((el) => { const v = el.getAttribute('style'); return v === null ? [] : [v]; }),
          csp: [...document.querySelectorAll('meta[http-equiv]')].map((m) => [m.getAttribute('http-equiv'), m.getAttribute('content')]),
          cspFirst: document.head.querySelector('script, style, link[rel="stylesheet"], meta[http-equiv="Content-Security-Policy"]')?.tagName ?? null,
          // Everything a reader or a crawler gets as text: page text, <title>, every attribute value, JSON-LD.
          texts: [document.title, document.body.innerText, ...all.flatMap((el) => [...el.attributes].map((a) => a.value)),
            ...[...document.scripts].filter((x) => x.type === 'application/ld+json').map((x) => JSON.stringify(JSON.parse(x.textContent ?? 'null')))],
          ldUrls: [...document.scripts].filter((x) => x.type === 'application/ld+json').flatMap((x) => {
            const out: string[] = [];
            const walk = (v: unknown, k = ''): void => {
              if (typeof v === 'string' && (k === 'url' || k === '@id' || k === 'isPartOf' || k === 'target')) out.push(v);
              else if (v && typeof v === 'object') for (const [kk, vv] of Object.entries(v)) walk(vv, Array.isArray(v) ? k : kk);
            };
            walk(JSON.parse(x.textContent ?? 'null'));
            return out;
          }),
        };
      }, { ALLOWED_A, ALLOWED_IMG });
      expect(report.pwned, path).toBeNull();
      expect(report.onAttrs, path).toEqual([]);
      expect(report.badUrls, path).toEqual([]);
      expect(report.frames, path).toBe(0);
      expect(report.styleElements, path).toBe(0);
      expect(report.extraAttrs, path).toEqual([]);
      expect(report.metaAttrs, path).toEqual([]);
      expect(report.metaRefresh, path).toBe(0);
      for (const v of report.styles) expect(v, `${path}: style attribute`).toMatch(OUR_STYLES);
      expect(report.csp, path).toEqual([['Content-Security-Policy', CONTENT_SECURITY_POLICY]]);
      expect(report.cspFirst, `${path}: the CSP meta precedes every script and style`).toBe('META');
      for (const t of report.texts) expect(t, `${path}: raw bidi control`).not.toMatch(BIDI_CONTROL);
      for (const u of report.ldUrls) expect(safeHttpUrl(u), `${path}: JSON-LD url ${u}`).toBe(u);
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

  it('turns every quote in a link, image or bare URL into percent-encoding, and disguised targets into text', async () => {
    const day = dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`);
    await page.goto(`${server.url}${day}`);
    // Hover and focus every chat link and image: an injected onmouseover/onfocus would fire now.
    for (const a of await page.locator('a.chat-link, a.chat-img-wrap').all()) {
      await a.hover({ force: true, timeout: 2000 }).catch(() => undefined);
      await a.focus().catch(() => undefined);
    }
    const got = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      hrefs: [...document.querySelectorAll('main a.chat-link, main a.chat-img-wrap')].map((a) => a.getAttribute('href') ?? ''),
      srcs: [...document.querySelectorAll('main img.chat-img')].map((i) => i.getAttribute('src') ?? ''),
      styled: [...document.querySelectorAll('main [style]')].filter((el) => /position|fixed|inset|z-index/i.test(el.getAttribute('style') ?? '')).length,
      text: document.querySelector('main')?.textContent ?? '',
    }));
    expect(got.pwned).toBeNull();
    expect(got.styled).toBe(0);
    for (const u of [...got.hrefs, ...got.srcs]) {
      expect(u).not.toMatch(/["'`<>\s]/);
      expect(safeHttpUrl(u), u).toBe(u); // already what the gate writes: parsed, http(s), re-serialized
    }
    // The attacks arrived as links and still are links, to the same (harmless) resource.
    expect(got.hrefs).toContain('https://example.com/?a=1&b=%22autofocus=%22%22onfocus=%22window.__pwned=1');
    expect(got.hrefs).toContain("https://example.com/?a=1&b=%27autofocus=%27%27onfocus=%27window.__pwned=1");
    expect(got.hrefs).toContain('https://example.com/?a=1&b=%60autofocus=%60%60onfocus=%60window.__pwned=1');
    expect(got.hrefs).toContain('https://example.com/?a=1&b=%22onmouseover=%22window.__pwned=1');
    expect(got.hrefs).toContain('http://127.0.0.1:9/i.png?a=1&b=%22onerror=%22window.__pwned=1');
    // The images cannot load here (img-fallback.js swaps them for placeholders), so read the <img> elements
    // as built: the page's HTML parsed inertly, exactly as a browser would read the attributes.
    const built = readFileSync(join(site, day.replace(/^\//, ''), 'index.html'), 'utf8');
    const imgs = await page.evaluate(({ html, ALLOWED_IMG }) => [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('img')]
      .map((i) => ({ src: i.getAttribute('src') ?? '', extra: [...i.attributes].map((a) => a.name).filter((n) => !ALLOWED_IMG.includes(n)) })), { html: built, ALLOWED_IMG });
    expect(imgs.map((i) => i.src)).toContain('http://127.0.0.1:9/i.png?a=1&b=%22onerror=%22window.__pwned=1');
    expect(imgs.map((i) => i.src)).toContain('http://127.0.0.1:9/i.png?a=1&b=%27onerror=%27window.__pwned=1');
    expect(imgs.flatMap((i) => i.extra)).toEqual([]);
    for (const i of imgs) expect(safeHttpUrl(i.src), i.src).toBe(i.src);
    // Userinfo, disguised schemes, protocol-relative and over-long URLs are text, never href.
    expect(got.text).toContain('https://bank.example@evil.example/');
    expect(got.text).toContain('//evil.example/x');
    for (const h of got.hrefs) {
      expect(h).not.toMatch(/evil\.example|^javascript|^data|^vbscript/i);
      expect(h.length).toBeLessThanOrEqual(4096);
    }
    expect(got.hrefs.some((h) => /^https:\/\/xn--[a-z0-9-]+\.com\/login$/.test(h)), 'look-alike host written as punycode').toBe(true);
    // An alt text that is itself a URL with `&` and a quote stays one alt attribute, verbatim.
    const alts = await page.locator('img.chat-img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')));
    const placeholders = await page.locator('.img-missing').allInnerTexts();
    expect([...alts, ...placeholders].some((a) => (a ?? '').includes('https://x.example/?a&" onerror="window.__pwned=1" data-x="'))).toBe(true);
  });

  it('enforces the Content-Security-Policy: an injected handler, script or style is blocked and reported', async () => {
    for (const path of [dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`), '/search/']) {
      await page.goto(`${server.url}${path}`);
      const r = await page.evaluate(async () => {
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
        const w = window as unknown as Record<string, unknown>;
        const box = document.createElement('div');
        box.innerHTML = '<img src="/no-such-image.png" onerror="window.__cspHandler=1"><a id="csp-a" href="#" onclick="window.__cspClick=1">x</a>';
        document.body.append(box);
        document.getElementById('csp-a')?.click();
        const script = document.createElement('script');
        script.textContent = 'window.__cspScript = 1';
        document.body.append(script);
        const style = document.createElement('style');
        style.textContent = 'body { display: none !important }';
        document.body.append(style);
        await new Promise((res) => setTimeout(res, 800));
        return {
          ran: [w.__cspHandler, w.__cspClick, w.__cspScript].filter((v) => v !== undefined),
          hidden: getComputedStyle(document.body).display === 'none',
          violations,
        };
      });
      expect(r.ran, path).toEqual([]);
      expect(r.hidden, path).toBe(false);
      expect(r.violations, path).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem', 'style-src-elem']));
    }
    expect(dialogs).toEqual([]);
  });

  it('removes bidi controls from names and bodies, isolates every name and message, and marks forged headers', async () => {
    const day = `${HOSTILE_GROUP}/${HOSTILE_DATE}`;
    await page.goto(`${server.url}${dayUrl(day)}`);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(BIDI_CONTROL);
    expect(text).toContain('坏人技术-司公');
    expect(text).toContain('反转的消息 和 实体反转');
    const isolation = await page.evaluate(() => [...document.querySelectorAll('.msg-speaker, .msg-body')].map((el) => getComputedStyle(el).unicodeBidi));
    expect(isolation.length).toBeGreaterThan(0);
    expect(new Set(isolation)).toEqual(new Set(['isolate']));
    // Every message the format makes of a forged header that ingest flagged is marked on the page.
    const forged = archive.days.find((d) => d.id === day)!.messages.filter((x) => (x.flags as readonly string[]).includes('possibly-quoted-header'));
    expect(forged.length).toBe(FORGED_HEADERS);
    for (const m of forged) {
      expect(await page.locator(`#m${m.seq} [data-flag="possibly-quoted-header"]`).count(), `#m${m.seq}`).toBe(1);
    }
    // The feed and every JSON-LD block carry no bidi control either; `]]>` and </script> stay text.
    const feed = await (await page.goto(`${server.url}/feed.xml`))!.text();
    expect(feed).not.toMatch(BIDI_CONTROL);
    const feedScripts = await page.evaluate((x) => {
      const doc = new DOMParser().parseFromString(x, 'application/xml');
      return [...doc.querySelectorAll('content')].map((c) => new DOMParser().parseFromString(c.textContent ?? '', 'text/html').querySelectorAll('script, [onerror], [onload]').length);
    }, feed);
    expect(feedScripts.every((n) => n === 0)).toBe(true);
  });

  it('finds a glossary term with a zero-width space inside it, and shows results without bidi controls', async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('分录流水')}`);
    await page.locator('#search-results li.result').first().waitFor({ timeout: 20_000 });
    const r = await page.evaluate(() => ({
      text: document.querySelector('#search-results')?.textContent ?? '',
      // The site's own links (chat links in messages are checked in the next test).
      hrefs: [...document.querySelectorAll('#search-results a:not(.chat-link):not(.chat-img-wrap)')].map((a) => a.getAttribute('href') ?? ''),
    }));
    expect(r.text).toContain('坏人技术-司公');
    expect(r.text).toContain('分录流水');
    expect(r.text).not.toMatch(BIDI_CONTROL);
    for (const h of r.hrefs) expect(new URL(h).origin, h).toBe(server.url);
  });

  it('draws hostile links in search results as the day page does: http(s) hrefs from the gate, no attribute injection', async () => {
    const day = dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`);
    await page.goto(`${server.url}${day}`);
    const pageHrefs = await page.evaluate(() => [...document.querySelectorAll('main a.chat-link')].map((a) => a.getAttribute('href') ?? ''));
    const results: { pwned: unknown; hrefs: string[]; classes: string[]; extraAttrs: string[]; text: string }[] = [];
    // Words of three hostile messages: quotes breaking out of link targets, bare URLs with quotes, disguised targets.
    for (const q of ['单引号', '裸链接', '网银登录']) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
      await page.locator('#search-results li.result').first().waitFor({ timeout: 20_000 });
      for (const a of await page.locator('#search-results a.chat-link').all()) {
        await a.hover({ force: true, timeout: 2000 }).catch(() => undefined);
        await a.focus().catch(() => undefined);
      }
      results.push(await page.evaluate(({ ALLOWED_A, ALLOWED_IMG }) => {
        const box = document.querySelector('#search-results')!;
        const all = [...box.querySelectorAll('*')];
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          hrefs: [...box.querySelectorAll('a.chat-link')].map((a) => a.getAttribute('href') ?? ''),
          classes: [...box.querySelectorAll('.ctx-text *')].map((e) => e.className).filter(Boolean),
          extraAttrs: all.flatMap((el) => [...el.attributes].filter((a) => /^on|^style$|^autofocus$/i.test(a.name) || (el.tagName === 'A' && !ALLOWED_A.includes(a.name)) || (el.tagName === 'IMG' && !ALLOWED_IMG.includes(a.name))).map((a) => `${el.tagName} ${a.name}`)),
          text: box.textContent ?? '',
        };
      }, { ALLOWED_A, ALLOWED_IMG }));
    }
    for (const r of results) {
      expect(r.pwned).toBeNull();
      expect(r.extraAttrs).toEqual([]);
      for (const h of r.hrefs) {
        expect(safeHttpUrl(h), h).toBe(h);
        expect(h).not.toMatch(/["'`<>\s]|evil\.example|^javascript|^data/i);
        // The very link the day page draws for the same message.
        expect(pageHrefs).toContain(h);
      }
    }
    const [quotes, bare, disguised] = results;
    // Links stay links in results (they were plain text before results drew display parts).
    expect(quotes!.hrefs).toContain("https://example.com/?a=1&b=%27autofocus=%27%27onfocus=%27window.__pwned=1");
    expect(quotes!.classes).toContain('chat-link');
    // Bare URLs with quotes: links still, the quotes percent-encoded (the day page's hrefs, checked above).
    expect(bare!.hrefs.some((h) => h.startsWith('https://example.com/?a=1&b=%27onmouseover=%27'))).toBe(true);
    // A target with user-info is shown as text, as on the page.
    expect(disguised!.classes).toContain('unsafe-link');
    expect(disguised!.text).toContain('https://bank.example@evil.example/');
  });

  it('keeps the layout within the viewport on desktop and phone (long lines wrap)', async () => {
    for (const vp of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
      await page.setViewportSize(vp);
      // Day and thread pages, and every person page (200-character names, a name that is a URL).
      for (const path of [dayUrl(`${HOSTILE_GROUP}/${HOSTILE_DATE}`), ...paths.filter((p) => /\/t\d+\/$/.test(p) || p.startsWith('/people/'))]) {
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
