// What a first search downloads in Chromium: a fresh browser profile opens /search/?q=<query> on a served site and
// waits for the answer; every response under /search/ that the page fetched is counted by the bytes that came over
// the wire (Content-Encoding as the server sent it; the request asks for gzip only, so the figure is gzip).
// Used by the budget test (test/archive/search-budget.test.ts) and the search benchmark.
import type { BrowserContext, Response } from 'playwright-core';

export interface FirstSearch {
  query: string;
  /** Wire bytes of the index files the search fetched (facets.json, loaded by the page for its filter, apart). */
  indexBytes: number;
  /** Wire bytes of facets.json (the speaker filter's list, fetched after the first search). */
  facetsBytes: number;
  /** Wire bytes per kind of file: manifest, idx, uni, map, docs, ask/<kind> … */
  byKind: Record<string, number>;
  files: number;
  /** Content-Encoding values seen on index files. */
  encodings: string[];
  /** The status line the page showed. */
  status: string;
}

const kindOf = (path: string): string => {
  const p = path.replace(/^\/search\//, '');
  const parts = p.split('/');
  return parts.length === 1 ? parts[0]!.replace(/\.json$/, '') : parts[0] === 'ask' ? `ask/${parts[1]!.replace(/\.json$/, '')}` : parts[0]!;
};

/** Opens the search page for `query` in a fresh page of `context` and measures what the search downloads. */
export async function firstSearch(context: BrowserContext, origin: string, query: string): Promise<FirstSearch> {
  await context.clearCookies();
  const page = await context.newPage();
  // No cache between queries: each measurement is a first search.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
  const pending: Promise<void>[] = [];
  const got: { path: string; bytes: number; encoding: string }[] = [];
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/search/') || !url.pathname.endsWith('.json')) return;
    pending.push((async () => {
      const sizes = await r.request().sizes();
      got.push({ path: url.pathname, bytes: sizes.responseBodySize, encoding: (await r.allHeaders())['content-encoding'] ?? 'identity' });
    })());
  });
  try {
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => {
      const s = document.querySelector('#search-status')?.textContent ?? '';
      return s !== '' && !s.startsWith('搜索中') && !s.startsWith('输入关键词');
    }, undefined, { timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const status = (await page.locator('#search-status').textContent()) ?? '';
    const index = got.filter((g) => !g.path.endsWith('/facets.json'));
    const byKind: Record<string, number> = {};
    for (const g of index) byKind[kindOf(g.path)] = (byKind[kindOf(g.path)] ?? 0) + g.bytes;
    return {
      query, status, byKind, files: index.length,
      indexBytes: index.reduce((n, g) => n + g.bytes, 0),
      facetsBytes: got.filter((g) => g.path.endsWith('/facets.json')).reduce((n, g) => n + g.bytes, 0),
      encodings: [...new Set(index.map((g) => g.encoding))],
    };
  } finally {
    await page.close();
  }
}

/** Term queries (exact search) and question queries (query understanding) the budgets are measured on. */
export const TERM_QUERIES = ['支付宝', '微信', '对账', '清算', '分录流水', '对账文件', '备付金', 'T+0', '银联', '退款'];
export const QUESTION_QUERIES = ['怎么防止重复扣款', '每晚一定要睡满8小时吗', '结算的时候怎么避免重复打款', '微信支付能不能做担保交易', '四方系统是什么', '对账文件里的ERR文件是干什么用的'];
