// Pages that grow without bound, and the reading details of issue 15 item 4, on a fixture site: one real day
// and a synthetic busy day (test/site/busy-fixture.ts). Built once; checked as files (every internal link and
// anchor resolves, each part holds at most DAY_PART_MESSAGES messages, the search manifest carries the same
// plan) and in Chromium (an old anchor reaches its part, a permalink lands below the header, the search form
// stays on one line at 375 px, a term's definition shows on hover and focus).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, skipBrowserTests } from '../helpers/browser.ts';
import { serveSite } from '../helpers/server.ts';
import { buildSite, ROOT } from '../helpers/site.ts';
import { BUSY_DAY, REAL_DAY, busyContent, talkSeqFrom } from '../site/busy-fixture.ts';
import { checkLinks } from '../site/link-check.ts';
import { loadArchive } from '../../src/node/load.ts';
import { viewModel } from '../../src/site/model.ts';
import { DAY_PART_MESSAGES, PEOPLE_PER_PAGE, THREAD_PART_MESSAGES, dayStarts, threadStarts } from '../../src/site/pagination.ts';
import { dayPartUrl, dayUrl, messageUrl, peoplePageUrl, personUrl, threadMessageUrl, threadPartUrl, threadUrl } from '../../src/site/urls.ts';
import type { Archive } from '../../src/model/types.ts';

const content = busyContent();
const site = join(dirname(content), 'site');
let archive: Archive;
const file = (url: string) => readFileSync(join(site, decodeURIComponent(url.split('#')[0]!), 'index.html'), 'utf8');
const anchorsIn = (html: string) => [...html.matchAll(/<li id="m(\d+)"/g)].map((m) => Number(m[1]));

beforeAll(() => {
  buildSite(content, site);
  archive = loadArchive(content);
}, 300_000);
afterAll(() => rmSync(dirname(content), { recursive: true, force: true }));

describe('busy days, long threads and the people list are cut into parts', () => {
  it('cuts the busy day into parts of at most DAY_PART_MESSAGES, every message on exactly one part', () => {
    const day = archive.days.find((d) => d.id === BUSY_DAY)!;
    const starts = dayStarts(viewModel(archive).pages, BUSY_DAY)!;
    expect(starts.length).toBe(Math.ceil(day.messages.length / DAY_PART_MESSAGES)); // 1,150 messages: 3 parts
    const seen: number[] = [];
    starts.forEach((first, i) => {
      const html = file(dayPartUrl(BUSY_DAY, i + 1));
      const here = anchorsIn(html);
      expect(here.length).toBeLessThanOrEqual(DAY_PART_MESSAGES);
      expect(here[0]).toBe(first);
      // Each part names every part with its range: the script-free way from an old #m<seq> to its part.
      for (const [j, s] of starts.entries()) {
        expect(html).toContain(`href="${dayPartUrl(BUSY_DAY, j + 1)}"`);
        expect(html).toContain(`data-first="${s}"`);
      }
      seen.push(...here);
    });
    expect(seen).toEqual(day.messages.map((m) => m.seq));
    // The first part keeps the day's own URL (links made before days were cut keep their meaning).
    expect(dayPartUrl(BUSY_DAY, 1)).toBe(dayUrl(BUSY_DAY));
    expect(existsSync(join(site, dayUrl(REAL_DAY), 'p2'))).toBe(false); // a day that fits stays one page
  });

  it('cuts the guest talk thread and the people list too', () => {
    const vm = viewModel(archive);
    const long = archive.threads.filter((t) => t.seqs.length > THREAD_PART_MESSAGES);
    expect(long.length).toBeGreaterThan(0);
    for (const t of long) {
      const starts = threadStarts(vm.pages, t.id)!;
      const seen = starts.flatMap((_, i) => anchorsIn(file(threadPartUrl(t.id, i + 1))));
      // Every message of the thread has its anchor on the thread's pages (key answers may show twice on part 1).
      expect(new Set(seen)).toEqual(new Set(t.seqs));
    }
    const people = Math.ceil(archive.speakers.length / PEOPLE_PER_PAGE);
    expect(people).toBeGreaterThan(1);
    const listed = Array.from({ length: people }, (_, i) => [...file(peoplePageUrl(i + 1)).matchAll(/<a class="title" href="([^"]+)"/g)].map((m) => m[1]!)).flat();
    expect(listed.sort()).toEqual(archive.speakers.map((s) => personUrl(s.id)).sort());
  });

  it('resolves every internal link and anchor of the built site', () => {
    const r = checkLinks(site);
    expect(r.broken).toEqual([]);
    expect(r.anchors).toBeGreaterThan(1000); // messages linked from thread, glossary and jump lists
  });

  it('points links at the part that holds the message: glossary, thread pages, search manifest', () => {
    const vm = viewModel(archive);
    const cited = talkSeqFrom(800);
    const target = messageUrl(`${BUSY_DAY}/${cited}`, vm.pages);
    expect(target).toMatch(/\/p3\/#m\d+$/);
    // The curated definition wrote `/proddev/2020-01-01/#m<seq>`; the page links the part.
    expect(file('/glossary/duizhang-wenjian/')).toContain(`href="${target}"`);
    const sitemap = readFileSync(join(site, 'sitemap.xml'), 'utf8');
    for (const u of [dayPartUrl(BUSY_DAY, 3), peoplePageUrl(2)]) expect(sitemap).toContain(`https://archive.example.org${u}`);
    const manifest = JSON.parse(readFileSync(join(site, 'search/manifest.json'), 'utf8'));
    expect(manifest.pages).toEqual(vm.pages);
  });

  it('lists a busy day\'s threads as jump links to their first messages', () => {
    const html = file(dayUrl(BUSY_DAY));
    const jumps = [...html.matchAll(/<nav class="day-jumps[\s\S]*?<\/nav>/g)][0]![0];
    const listed = viewModel(archive).listedOfDay(BUSY_DAY);
    const hrefs = [...jumps.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([...listed].sort((a, b) => a.seq - b.seq).map((t) => messageUrl(`${BUSY_DAY}/${Math.min(...t.seqs)}`, viewModel(archive).pages)));
  });

  it('names related discussions by group name, not slug', () => {
    const pages = archive.threads.map((t) => file(threadUrl(t.id))).filter((h) => h.includes('id="related-h"'));
    expect(pages.length).toBeGreaterThan(0);
    for (const h of pages) {
      const related = h.slice(h.indexOf('id="related-h"'));
      expect(related).not.toMatch(/class="meta">(?:devarch|proddev)\//);
      expect(related).toMatch(/class="meta">支付产品(?:开发|技术)交流群 · \d{4}-\d{2}-\d{2}</);
    }
  });
});

const skip = skipBrowserTests();
describe.skipIf(skip)('reading comfort in Chromium', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  beforeAll(async () => {
    server = await serveSite(site);
    browser = await launch();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Distance from the header's bottom to the message's top, right after the navigation. */
  const landing = (seq: number) => page.evaluate((s) => {
    const header = document.querySelector('.site-header')!.getBoundingClientRect();
    const sticky = getComputedStyle(document.querySelector('.site-header')!).position === 'sticky';
    const row = document.getElementById(`m${s}`)!.getBoundingClientRect();
    return { gap: row.top - (sticky ? header.bottom : 0), smooth: getComputedStyle(document.documentElement).scrollBehavior, scrollY: window.scrollY };
  }, seq);

  it('sends an old #m<seq> link on the first part to the part that holds it', async () => {
    const cited = talkSeqFrom(800);
    await page.goto(`${server.url}${dayUrl(BUSY_DAY)}#m${cited}`);
    await page.waitForURL(`**${messageUrl(`${BUSY_DAY}/${cited}`, viewModel(archive).pages)}`);
    await page.locator(`#m${cited}`).waitFor();
    const l = await landing(cited);
    expect(l.gap).toBeGreaterThanOrEqual(0);
    expect(l.gap).toBeLessThanOrEqual(40);
  });

  it('lands a permalink straight on its message, below the sticky header, with no smooth scrolling', async () => {
    for (const seq of [250, 150]) { // far from the end, where the page could not scroll any further
      await page.goto(`${server.url}${dayUrl(REAL_DAY)}#m${seq}`);
      const l = await landing(seq);
      expect(l.smooth).toBe('auto');
      expect(l.scrollY).toBeGreaterThan(1000); // it did scroll, far
      expect(l.gap).toBeGreaterThanOrEqual(0);
      expect(l.gap).toBeLessThanOrEqual(40);
      // And it stays there once late images have laid out (no drift).
      await page.waitForTimeout(800);
      const after = await landing(seq);
      expect(after.gap).toBeGreaterThanOrEqual(0);
      expect(after.gap).toBeLessThanOrEqual(40);
    }
  });

  it('keeps the search forms on one line at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    try {
      await page.goto(`${server.url}/search/`);
      const boxes = await page.evaluate(() => {
        const box = (sel: string) => { const e = document.querySelector(sel)!; const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height, right: r.right, line: parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.7, text: e.textContent }; };
        return { label: box('.search-label'), input: box('#q'), button: box('#search-form button[type=submit]'), header: box('.searchbox button'), width: window.innerWidth };
      });
      expect(boxes.label.text).toBe('关键词');
      // One line each: no taller than one line of their own text, and side by side (overlapping vertically).
      for (const b of [boxes.label, boxes.button, boxes.header]) expect(b.height).toBeLessThan(b.line * 1.5 + 16);
      expect(boxes.label.height).toBeLessThan(boxes.label.line * 1.5);
      expect(boxes.input.top).toBeLessThan(boxes.label.bottom);
      expect(boxes.button.top).toBeLessThan(boxes.input.bottom);
      expect(boxes.button.right).toBeLessThanOrEqual(boxes.width);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('reads each member definition as speaker · date time · link, visibly spaced, in time order', async () => {
    await page.goto(`${server.url}/glossary/fenlu-liushui/`);
    const rows = await page.locator('.glossary-defs .def-meta').evaluateAll((ps) => ps.map((p) => {
      const speaker = p.querySelector('.speaker')!.getBoundingClientRect();
      const when = p.querySelector('a time')!;
      return { gap: when.getBoundingClientRect().left - speaker.right, sameLine: Math.abs(when.getBoundingClientRect().top - speaker.top) < 4, when: when.getAttribute('datetime')!, sep: p.querySelector('.sep')?.textContent };
    }));
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) {
      expect(r.sep).toBe('·');
      if (r.sameLine) expect(r.gap).toBeGreaterThanOrEqual(12); // the separator and its spacing between them
    }
    const times = rows.map((r) => r.when);
    expect(times).toEqual([...times].sort());
  });

  it('links search results to the part that holds the message (thread part and day part)', async () => {
    const vm = viewModel(archive);
    const day = archive.days.find((d) => d.id === BUSY_DAY)!;
    const m = day.messages.find((x) => x.text.includes('序号450'))!;
    const t = archive.threads.find((x) => x.seqs.includes(m.seq))!;
    expect(threadStarts(vm.pages, t.id)).toBeDefined(); // the talk's thread is cut, so this tests the part
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('序号450')}`);
    const result = page.locator('#search-results li.result', { has: page.locator(`a.result-link[href$="#m${m.seq}"]`) }).first();
    await result.waitFor();
    const href = await result.locator('a.result-link').getAttribute('href');
    expect(new URL(href!, server.url).pathname + new URL(href!, server.url).hash).toBe(threadMessageUrl(t.id, m.seq, vm.pages));
    expect(href).toContain('/p2/');
    const speakerLinks = await result.locator('a.ctx-speaker').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash));
    expect(speakerLinks).toContain(messageUrl(m.id, vm.pages));
    // Following the link lands on the message.
    await result.locator('a.result-link').click();
    await page.locator(`#m${m.seq}`).waitFor();
    expect(await page.locator(`#m${m.seq}`).isVisible()).toBe(true);
  });

  it('keeps the new parts axe-clean (no serious or critical violation), light and dark', async () => {
    const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const long = archive.threads.find((t) => t.seqs.length > THREAD_PART_MESSAGES)!;
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of [dayPartUrl(BUSY_DAY, 2), threadPartUrl(long.id, 2), peoplePageUrl(2), '/glossary/fenlu-liushui/']) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        await page.evaluate(AXE);
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
          return (await axe.run(document, { resultTypes: ['violations'] })).violations;
        }));
        for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${scheme} ${path}: ${v.id} (${v.impact}, ${v.nodes.length})`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(found).toEqual([]);
  }, 300_000);

  it('shows a glossary term\'s short definition on hover and on keyboard focus, tied by aria-describedby', async () => {
    await page.goto(`${server.url}${dayUrl(REAL_DAY)}`);
    const term = page.locator('.msg-body a.term[aria-describedby]').first();
    const id = (await term.getAttribute('aria-describedby'))!;
    const tip = page.locator(`[id="${id}"]`);
    expect(await tip.getAttribute('role')).toBe('tooltip');
    expect((await tip.textContent())!.length).toBeGreaterThan(4);
    expect(await tip.isVisible()).toBe(false);
    await term.scrollIntoViewIfNeeded();
    await term.hover();
    expect(await tip.isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    expect(await tip.isVisible()).toBe(false);
    await term.focus();
    expect(await tip.isVisible()).toBe(true);
    // Still on the day page: nothing navigated.
    expect(page.url()).toContain(dayUrl(REAL_DAY));
  });
});
