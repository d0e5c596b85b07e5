// /feed.xml: an Atom feed of the newest days, each entry summarising the day's threads. Links and ids follow the
// configured site URL; without one, links are relative and ids urn:uuid (src/site/origin.ts).
import type { APIRoute } from 'astro';
import { siteView } from '../integrations/site-view.ts';
import { dayUrl, threadUrl } from '../site/urls.ts';
import { isoDateTime, shortTime, truncate, zhDate } from '../site/format.ts';
import { xmlEscape } from '../site/xml.ts';
import { feedHref, feedId } from '../site/origin.ts';
import { titleLabel } from '../model/labels.ts';

const FEED_SIZE = 20;

export const GET: APIRoute = async ({ site }) => {
  const vm = (await siteView()).vm;
  const days = vm.daysNewest.slice(0, FEED_SIZE);
  // Absolute URLs pass the same gate as links on the pages (src/site/origin.ts), then our XML escaper.
  const updated = days[0] ? isoDateTime(days[0].date, '23:59:59') : '1970-01-01T00:00:00Z';
  const entries = days.map((d) => {
    const url = feedHref(site, dayUrl(d.id));
    const threads = (vm.threadsOfDay.get(d.id) ?? []).filter((t) => t.messageIds.length > 1);
    const items = threads.map((t) => `<li>${xmlEscape(`${shortTime(t.start)} `)}<a href="${xmlEscape(feedHref(site, threadUrl(t.id)))}">${xmlEscape(truncate(titleLabel(t.title), 60))}</a>${xmlEscape(`（${t.messageIds.length} 条）`)}</li>`);
    // The HTML summary is built from escaped pieces, then escaped once more as the text of type="html".
    const html = `<p>${xmlEscape(`${d.messages.length} 条消息，${threads.length} 个话题串`)}</p><ul>${items.join('')}</ul>`;
    return `  <entry>
    <title>${xmlEscape(`${vm.groupName(d.group)} ${zhDate(d.date)}`)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>
    <id>${xmlEscape(feedId(site, dayUrl(d.id)))}</id>
    <updated>${isoDateTime(d.date, d.messages[d.messages.length - 1]?.time ?? '23:59:59')}</updated>
    <content type="html">${xmlEscape(html)}</content>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <title>支付群聊天知识库 · 最新聊天日</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(feedHref(site, '/feed.xml'))}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(feedHref(site, '/'))}"/>
  <id>${xmlEscape(feedId(site, '/'))}</id>
  <updated>${updated}</updated>
  <author><name>支付群聊天知识库</name></author>
${entries.join('\n')}
</feed>
`;
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
