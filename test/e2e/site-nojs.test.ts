// The site is readable without JavaScript: pages, the timeline and navigation are server-rendered HTML/SVG.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTEFACTS, launch, skipBrowserTests } from '../helpers/browser.ts';
import { serveSite } from '../helpers/server.ts';
import { MAIN_SITE } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, threadUrl } from '../../src/site/urls.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const skip = skipBrowserTests();
const archive = loadArchive(fixtureContentDir());

describe.skipIf(skip)('site without JavaScript', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let server: { url: string; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    server = await serveSite(MAIN_SITE);
    browser = await launch({ javaScriptEnabled: false });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a day with all its messages and a timeline whose lanes lead to the threads', async () => {
    const day = archive.days.find((d) => (archive.threads.filter((t) => t.day === d.id).length > 2)) ?? archive.days[0];
    await page.goto(`${server.url}${dayUrl(day!.id)}`);
    const rows = page.locator('.messages > li[id^="m"]');
    expect(await rows.count()).toBe(day!.messages.length);
    expect(await rows.first().isVisible()).toBe(true);
    expect(await page.locator('.timeline svg').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTEFACTS, 'day-nojs.png') });
    const t = archive.threads.find((x) => x.day === day!.id && x.messageIds.length > 1)!;
    await page.locator(`.legend a[href="${threadUrl(t.id)}"]`).click();
    await page.waitForURL(`**${threadUrl(t.id)}`, { waitUntil: 'domcontentloaded' });
    expect(await page.locator('main .messages > li').count()).toBe(t.messageIds.length);
    expect(await page.locator('main h1').isVisible()).toBe(true);
  });

  it('keeps the search box a plain form that submits to /search/', async () => {
    await page.goto(`${server.url}/`);
    const form = page.locator('form[role="search"]');
    expect(await form.getAttribute('action')).toBe('/search/');
    expect(await form.getAttribute('method')).toBe('get');
  });
});
