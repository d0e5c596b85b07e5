// In Chromium: type 分录流水 on the search page, see highlighted results, open one with the keyboard or a
// click and land on the 2018-08-08 ledger discussion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_SITE } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { indexArchive, threadHolding } from '../../src/pipeline/archive.ts';
import { threadUrl } from '../../src/site/urls.ts';
import { serveSite } from '../helpers/server.ts';
import { ARTEFACTS, launch, skipBrowserTests } from '../helpers/browser.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';
import { PAGE } from '../../src/search/ui.ts';
import { HEAD_MIN_MESSAGES } from '../../src/search/head-build.ts';
import { findTerm, normalize } from '../../src/text/tokenize.ts';

const skip = skipBrowserTests();

describe.skipIf(skip)('search page in Chromium', () => {
  let server: Awaited<ReturnType<typeof serveSite>>;
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    server = await serveSite(MAIN_SITE);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('types 分录流水 and lands on the 2018-08-08 ledger discussion', async () => {
    const page = await browser.context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/search/') && r.url().endsWith('.json')) fetched.push(new URL(r.url()).pathname); });
    await page.goto(`${server.url}/search/`);
    await page.locator('#q').pressSequentially('分录流水', { delay: 20 });
    const first = page.locator('#search-results li.result').first();
    await first.waitFor();
    expect(await first.locator('mark').first().textContent()).toBe('分录流水');
    expect(await first.locator('.result-meta').textContent()).toContain('2018-08-08');
    expect(new URL(page.url()).searchParams.get('q')).toBe('分录流水');
    // Only part of the index was fetched.
    expect(fetched).toContain('/search/manifest.json');
    expect(fetched.some((p) => p.startsWith('/search/idx/'))).toBe(true);
    expect(fetched.some((p) => p.startsWith('/search/uni/'))).toBe(false);
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'search-fenlu-liushui.png'), fullPage: true });
    await first.locator('a.result-link').click();
    // The thread page, at the best message, which is highlighted (:target).
    await page.waitForURL(/\/devarch\/2018-08-08\/t\d+\/#m\d+$/);
    const seq = new URL(page.url()).hash.slice(2);
    expect(await page.locator(`li.msg#m${seq}`).count()).toBe(1);
    expect(await page.locator(`li.msg#m${seq}`).textContent()).toContain('分录流水');
    expect(await page.locator('li.msg:target').count()).toBe(1);
    await page.close();
  });

  it('answers a common term from its result head with the full answer\'s message count', async () => {
    // 支付 is in over 200 messages of the fixture days (HEAD_MIN_MESSAGES): the first page comes from head/, and the
    // status still counts every match (a head lists only the shown threads' best messages).
    const texts = loadArchive(fixtureContentDir()).days.flatMap((d) => d.messages.map((m) => normalize(m.text)));
    const matching = texts.filter((t) => findTerm(t, '支付').length > 0).length;
    expect(matching).toBeGreaterThanOrEqual(HEAD_MIN_MESSAGES);
    const page = await browser.context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/search/') && r.url().endsWith('.json')) fetched.push(new URL(r.url()).pathname); });
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('支付')}`);
    await page.locator('#search-results li.result').first().waitFor();
    expect(await page.locator('#search-status').textContent()).toContain(`找到 ${matching} 条消息`);
    expect(fetched.some((p) => p.startsWith('/search/head/'))).toBe(true);
    expect(fetched.some((p) => p.startsWith('/search/idx/') || p.startsWith('/search/uni/'))).toBe(false);
    await page.close();
  });

  it('draws links, mentions and emoji in results with the markup of the day page', async () => {
    const page = await browser.context.newPage();
    // [query, day page, seq, words of the message]: a titled link; a resolved mention and an emoji code.
    const cases = [
      ['浴火重生', '/devarch/2018-08-08/', 1, '二十年黄金时代结束'],
      ['搭建消费金融', '/devarch/2017-12-19/', 287, '也在搭建消费金融'],
    ] as const;
    const drawn = (root: Element) => [...root.querySelectorAll('a.chat-link, .mention, .emoji, img.chat-img')].map((e) => e.outerHTML);
    for (const [q, day, seq, words] of cases) {
      await page.goto(`${server.url}${day}`);
      const onPage = await page.locator(`li.msg#m${seq} .msg-body`).evaluate(drawn);
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
      await page.locator('#search-results li.result').first().waitFor();
      const inResult = await page.evaluate((w) => {
        const ctx = [...document.querySelectorAll('#search-results li.ctx')].find((li) => li.textContent?.includes(w));
        return ctx ? [...ctx.querySelectorAll('.ctx-text a.chat-link, .ctx-text .mention, .ctx-text .emoji, .ctx-text img.chat-img')].map((e) => e.outerHTML) : null;
      }, words);
      expect(onPage.length, q).toBeGreaterThan(0);
      // The same elements, attributes and text; results add only the query's <mark>, inside a link's title too.
      expect(inResult?.map((h) => h.replace(/<\/?mark>/g, '')), q).toEqual(onPage);
      if (q === '浴火重生') expect(inResult?.[0]).toContain('<mark>浴火重生</mark>');
    }
    await page.close();
  });

  it('keeps the query in the URL, navigates with the keyboard and suggests on no results', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('对账文件')}`);
    await page.locator('#search-results li.result').first().waitFor();
    expect(await page.locator('#q').inputValue()).toBe('对账文件');
    await page.locator('#q').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#search-results li.result').first().getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#m\d+$/);
    // A term that occurs nowhere, whose characters do (款扣: 扣款 reversed): the closest questions asked before.
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('款扣')}`);
    await page.locator('#search-status').filter({ hasText: '没有找到' }).waitFor();
    await page.locator('#search-suggest .closest-list a').first().waitFor();
    expect(new URL((await page.locator('#search-suggest .closest-list a').first().getAttribute('href'))!).pathname).toMatch(/^\/[^/]+\/\d{4}-\d\d-\d\d\/t\d+\/$/);
    await page.close();
  });

  it('answers a question in plain Chinese, the glossary card first when the query names a term', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('怎么防止重复扣款')}`);
    const first = page.locator('#search-results li.result').first();
    await first.waitFor();
    // 重复扣款 is an alias of 轮询扣款: its card leads.
    expect(await page.locator('#search-cards .term-card h2').first().textContent()).toBe('轮询扣款');
    expect(new URL((await page.locator('#search-cards .term-card a').first().getAttribute('href'))!).pathname).toBe('/glossary/lunxun-koukuan/');
    const link = new URL((await first.locator('a.result-link').getAttribute('href'))!);
    // The judged discussion is named by its first message (see threadHolding).
    const expected = threadUrl(threadHolding(indexArchive(loadArchive(fixtureContentDir())), 'devarch/2018-08-08/t46')!);
    expect(link.pathname).toBe(expected);
    expect(link.hash).toMatch(/^#m\d+$/);
    expect(await page.locator('#search-status').textContent()).toContain('按问题检索');
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'search-question.png'), fullPage: true });
    await page.close();
  });

  it(`shows ${PAGE} threads, fetches the text of the next ones on 显示更多`, async () => {
    const page = await browser.context.newPage();
    const docs: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/search/docs/')) docs.push(new URL(r.url()).pathname); });
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('支付')}`);
    await page.locator('#search-results li.result').first().waitFor();
    expect(await page.locator('#search-results li.result').count()).toBe(PAGE);
    const before = docs.length;
    await page.locator('#search-more').click();
    await page.locator('#search-results li.result').nth(PAGE).waitFor();
    expect(await page.locator('#search-results li.result').count()).toBeGreaterThan(PAGE);
    expect(docs.length).toBeGreaterThan(before);
    expect(await page.locator('#search-results li.result').nth(PAGE).locator('mark').first().textContent()).toBe('支付');
    await page.close();
  });

  it('says that search needs JavaScript when it is off', async () => {
    const nojs = await launch({ javaScriptEnabled: false });
    try {
      const page = await nojs.context.newPage();
      await page.goto(`${server.url}/search/?q=x`);
      expect(await page.locator('.search-nojs').textContent()).toContain('JavaScript');
      expect(await page.locator('.search-nojs a[href="/glossary/"]').count()).toBe(1);
    } finally {
      await nojs.close();
    }
  });
});
