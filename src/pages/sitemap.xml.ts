// /sitemap.xml: every page of the site (days, threads, topics, people, groups, glossary).
import type { APIRoute } from 'astro';
import { siteView } from '../integrations/site-view.ts';
import { dayPartUrl, dayUrl, groupUrl, peoplePageUrl, personUrl, termUrl, threadPartUrl, threadUrl, topicUrl } from '../site/urls.ts';
import { PEOPLE_PER_PAGE, dayStarts, pageCount, threadStarts } from '../site/pagination.ts';
import { xmlEscape } from '../site/xml.ts';
import { absoluteUrl } from '../site/origin.ts';

export const GET: APIRoute = async ({ site }) => {
  const vm = (await siteView()).vm;
  const a = vm.archive;
  const dateOf = (dayId: string) => vm.index.day.get(dayId)?.date;
  const entries: [string, string | undefined][] = [
    ['/', vm.lastDate || undefined], ['/topics/', undefined], ['/people/', undefined], ['/glossary/', undefined],
    ...vm.groups.map((g): [string, string | undefined] => [groupUrl(g.slug), undefined]),
    ...a.days.map((d): [string, string | undefined] => [dayUrl(d.id), d.date]),
    ...a.threads.map((t): [string, string | undefined] => [threadUrl(t.id), dateOf(t.day)]),
    ...a.topics.map((t): [string, string | undefined] => [topicUrl(t.slug), undefined]),
    ...a.speakers.map((s): [string, string | undefined] => [personUrl(s.id), undefined]),
    ...a.terms.map((t): [string, string | undefined] => [termUrl(t.slug), undefined]),
    // Later parts of busy days, long threads and the people list (src/site/pagination.ts).
    ...a.days.flatMap((d) => (dayStarts(vm.pages, d.id) ?? []).slice(1).map((_, i): [string, string | undefined] => [dayPartUrl(d.id, i + 2), d.date])),
    ...a.threads.flatMap((t) => (threadStarts(vm.pages, t.id) ?? []).slice(1).map((_, i): [string, string | undefined] => [threadPartUrl(t.id, i + 2), dateOf(t.day)])),
    ...Array.from({ length: pageCount(a.speakers.length, PEOPLE_PER_PAGE) - 1 }, (_, i): [string, string | undefined] => [peoplePageUrl(i + 2), undefined]),
  ];
  // The protocol requires absolute <loc>; without a configured site the sitemap stays empty (and robots.txt omits it).
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${site ? '' : '<!-- no site URL configured (CKA_SITE): a sitemap needs absolute URLs -->\n'}${entries.flatMap(([path, lastmod]) => {
    // absoluteUrl passes the URL gate of every link on the site; a URL that fails it is not listed.
    const loc = absoluteUrl(site, path);
    return loc === undefined ? [] : [`  <url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`];
  }).join('\n')}
</urlset>
`;
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
