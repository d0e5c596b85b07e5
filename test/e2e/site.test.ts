// End-to-end in Chromium on the built bundled site: follow home -> day -> thread -> topic -> speaker by
// clicking real links; check anchors, the timeline, image fallbacks, the feed, phone and dark layouts.
// Screenshots go to test-results/screenshots (a CI artefact).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTEFACTS, launch, skipBrowserTests } from '../helpers/browser.ts';
import { serveSite } from '../helpers/server.ts';
import { MAIN_SITE } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, personUrl, threadUrl } from '../../src/site/urls.ts';
import { safeHttpUrl } from '../../src/site/safe-url.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const skip = skipBrowserTests();
const archive = loadArchive(fixtureContentDir());
const newestDay = [...archive.days].sort((a, b) => b.date.localeCompare(a.date) || a.group.localeCompare(b.group))[0];

describe.skipIf(skip)('site in Chromium', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  const errors: string[] = [];
  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage });
  /** Document wider than the viewport = horizontal scrolling, which a phone layout must never need. */
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    server = await serveSite(MAIN_SITE);
    browser = await launch();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('follows home -> day -> thread -> topic -> speaker by clicking links', async () => {
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('header nav a').allTextContents()).toEqual(expect.arrayContaining(['话题', '术语', '成员', '搜索']));
    expect(await page.locator('.calendar svg a').count()).toBe(new Set(archive.days.map((d) => d.date)).size);
    await shot('home-desktop', true);

    // Home -> the newest day.
    await page.locator('#latest-h + ul a').first().click();
    await page.waitForURL(`**${dayUrl(newestDay!.id)}`, { waitUntil: 'domcontentloaded' });
    expect(await page.locator('.messages > li[id^="m"]').count()).toBe(newestDay!.messages.length);
    await shot('day-desktop');

    // Day -> a thread, through its timeline lane (an SVG link). Pick a thread that has topics so the walk can go on.
    const threads = archive.threads.filter((t) => t.day === newestDay!.id);
    const target = threads.find((t) => t.topics.length > 0 && t.participants.length > 0) ?? threads[0];
    expect(await page.locator('.timeline a.lane').count()).toBe(threads.length);
    await page.locator(`.timeline a.lane[data-thread="${target!.id}"]`).click();
    await page.waitForURL(`**${threadUrl(target!.id)}`, { waitUntil: 'domcontentloaded' });
    expect(await page.locator('h1').textContent()).toBe(target!.title || '（无标题）');
    await shot('thread-desktop');

    // The link back to the day lands on the thread's first message, highlighted as :target.
    await page.locator('a.back-to-day').click();
    await page.waitForURL(`**${dayUrl(target!.day)}#m${target!.seq}`, { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(`m${target!.seq}`);
    expect(await page.locator(`#m${target!.seq}`).isVisible()).toBe(true);
    await page.goBack();
    await page.waitForURL(`**${threadUrl(target!.id)}`, { waitUntil: 'domcontentloaded' });

    // Thread -> its first topic.
    expect(target!.topics.length, 'the bundled content has threads with topics').toBeGreaterThan(0);
    await page.locator('aside .pills a').first().click();
    await page.waitForURL(`**/topics/${target!.topics[0]}/`, { waitUntil: 'domcontentloaded' });
    expect(await page.locator(`a[href="${threadUrl(target!.id)}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator('.trend svg rect.bar').count()).toBeGreaterThan(0);
    await shot('topic-desktop', true);

    // Topic -> a person who took part.
    const person = page.locator('.people-pills a').first();
    const personHref = (await person.getAttribute('href'))!;
    await person.click();
    await page.waitForURL(`**${personHref}`, { waitUntil: 'domcontentloaded' });
    expect(await page.locator('h1').textContent()).toBeTruthy();
    expect(await page.locator('#asked-h').count()).toBe(1);
    expect(await page.locator('#answered-h').count()).toBe(1);
    expect(await page.locator('.aliases li').count()).toBeGreaterThan(0);
    await shot('person-desktop');
    expect(errors).toEqual([]);
  });

  it('gives every message an anchor that targets that very message', async () => {
    const day = archive.days.find((d) => d.messages.length > 50) ?? archive.days[0];
    for (const m of [day!.messages[0], day!.messages[Math.floor(day!.messages.length / 2)], day!.messages[day!.messages.length - 1]]) {
      await page.goto(`${server.url}${dayUrl(day!.id)}#m${m!.seq}`);
      const row = page.locator(':target');
      expect(await row.getAttribute('id')).toBe(`m${m!.seq}`);
      expect(await row.locator('time').first().textContent()).toBe(m!.time.slice(0, 5));
      if (m!.speaker) expect(await row.locator('.msg-speaker').textContent()).toBe(m!.speaker);
    }
  });

  it('colours message rows with their thread colour, and the legend links every lane', async () => {
    const day = archive.days[0];
    await page.goto(`${server.url}${dayUrl(day!.id)}`);
    const t = archive.threads.find((x) => x.day === day!.id && x.messageIds.length > 1)!;
    const laneColour = await page.locator(`.timeline a.lane[data-thread="${t.id}"] line`).last().getAttribute('stroke');
    const rowColour = await page.locator(`#m${t.seqs[1]}`).evaluate((el) => getComputedStyle(el).getPropertyValue('--c').trim());
    expect(rowColour).toBe(laneColour);
    const legend = await page.locator('.legend a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(legend.sort()).toEqual(archive.threads.filter((x) => x.day === day!.id).map((x) => threadUrl(x.id)).sort());
  });

  it('degrades an image that cannot load to a labelled placeholder', async () => {
    const day = archive.days.find((d) => d.messages.some((m) => m.segments.some((s) => s.type === 'image' && s.safe)));
    expect(day, 'the bundled logs contain images').toBeTruthy();
    const m = day!.messages.find((x) => x.segments.some((s) => s.type === 'image' && s.safe))!;
    const img = m.segments.find((s) => s.type === 'image')! as { url: string; alt: string };
    await page.goto(`${server.url}${dayUrl(day!.id)}#m${m.seq}`);
    const row = page.locator(`#m${m.seq}`);
    // The test machine has no internet: the original host is unreachable, as old image hosts often are.
    await row.locator('.img-missing').waitFor({ timeout: 15_000 });
    expect(await row.locator('.img-missing').textContent()).toBe(`图片无法加载${img.alt ? `：${img.alt}` : '：聊天图片'}`);
    expect(await row.locator('a.chat-img-wrap').getAttribute('href')).toBe(safeHttpUrl(img.url));
    await row.screenshot({ path: join(ARTEFACTS, 'image-placeholder.png') });
  });

  it('serves a well-formed Atom feed and sitemap', async () => {
    for (const path of ['/feed.xml', '/sitemap.xml']) {
      const res = await page.goto(`${server.url}${path}`);
      const text = await res!.text();
      const parseError = await page.evaluate((xml) => new DOMParser().parseFromString(xml, 'application/xml').querySelector('parsererror')?.textContent ?? null, text);
      expect(parseError, path).toBeNull();
    }
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const t = archive.threads.reduce((a, b) => (b.messageIds.length > a.messageIds.length ? b : a));
    const speaker = archive.speakers.reduce((a, b) => (b.messageCount > a.messageCount ? b : a));
    const pages: [string, string][] = [['home', '/'], ['day', dayUrl(t.day)], ['thread', threadUrl(t.id)], ['topics', '/topics/'], ['people', '/people/'], ['person', personUrl(speaker.id)]];
    for (const [name, path] of pages) {
      await page.goto(`${server.url}${path}`);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
      await shot(`${name}-phone`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('follows the system dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}${dayUrl(newestDay!.id)}`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(120);
    await shot('day-dark');
    await page.goto(`${server.url}/`);
    await shot('home-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows a visible skip link and focus ring to keyboard users', async () => {
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ cls: document.activeElement?.className, top: document.activeElement?.getBoundingClientRect().top ?? -1, outline: getComputedStyle(document.activeElement!).outlineStyle }));
    expect(focused.cls).toBe('skip-link');
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
  });
});
