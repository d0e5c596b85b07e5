// Unit tests for the site's pure view-model helpers (src/site).
import { describe, expect, it } from 'vitest';
import { layoutTimeline } from '../../src/site/timeline.ts';
import { buildCalendar, levelOf } from '../../src/site/calendar.ts';
import { barGeometry, monthRange, monthlySeries, peak } from '../../src/site/trend.ts';
import { discussionPosting, serializeJsonLd } from '../../src/site/jsonld.ts';
import { dayUrl, messageUrl, pathSlug, peoplePageUrl, personUrl, threadMessageUrl, threadUrl, topicUrl } from '../../src/site/urls.ts';
import { EMPTY_PLAN } from '../../src/site/pagination.ts';
import { isoDateTime, truncate, zhDate, zhWeekday } from '../../src/site/format.ts';
import { xmlEscape } from '../../src/site/xml.ts';
import { safeHttpUrl } from '../../src/site/safe-url.ts';
import { PALETTE } from '../../src/site/palette.ts';

describe('urls', () => {
  it('follows the DESIGN contract', () => {
    expect(dayUrl('devarch/2018-08-08')).toBe('/devarch/2018-08-08/');
    expect(threadUrl('devarch/2018-08-08/t12')).toBe('/devarch/2018-08-08/t12/');
    expect(messageUrl('devarch/2018-08-08/37', EMPTY_PLAN)).toBe('/devarch/2018-08-08/#m37');
    // A day cut into parts: the first part keeps the day's URL, a later part has its own, the anchor is kept.
    const plan = { days: { 'devarch/2018-08-08': [1, 300, 650] }, threads: { 'devarch/2018-08-08/t5': [5, 420] } };
    expect(messageUrl('devarch/2018-08-08/299', plan)).toBe('/devarch/2018-08-08/#m299');
    expect(messageUrl('devarch/2018-08-08/300', plan)).toBe('/devarch/2018-08-08/p2/#m300');
    expect(messageUrl('devarch/2018-08-08/900', plan)).toBe('/devarch/2018-08-08/p3/#m900');
    expect(messageUrl('devarch/2018-08-09/900', plan)).toBe('/devarch/2018-08-09/#m900');
    expect(threadMessageUrl('devarch/2018-08-08/t5', 419, plan)).toBe('/devarch/2018-08-08/t5/#m419');
    expect(threadMessageUrl('devarch/2018-08-08/t5', 420, plan)).toBe('/devarch/2018-08-08/t5/p2/#m420');
    expect(peoplePageUrl(1)).toBe('/people/');
    expect(peoplePageUrl(3)).toBe('/people/page/3/');
    expect(topicUrl('clearing')).toBe('/topics/clearing/');
  });
  it('encodes a slug exactly once, whether or not it arrives percent-encoded', () => {
    expect(personUrl('老熊')).toBe(`/people/${encodeURIComponent('老熊')}/`);
    expect(personUrl(encodeURIComponent('老熊'))).toBe(`/people/${encodeURIComponent('老熊')}/`);
  });
  it('makes file-safe names: no ?, #, %, separators, or dot-only names', () => {
    expect(pathSlug('萌小喵?')).toBe('萌小喵_3F');
    expect(pathSlug('a/b#c%')).toBe('a_2Fb_23c_25');
    expect(pathSlug('..')).toBe('_..');
    expect(pathSlug('')).toBe('_');
    expect(personUrl('..')).toBe('/people/_../');
  });
  it('accepts only http(s) targets', () => {
    const isHttpUrl = (u: string) => safeHttpUrl(u) !== null;
    expect(isHttpUrl('https://example.com/x')).toBe(true);
    expect(isHttpUrl('HTTP://example.com')).toBe(true);
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.com', 'http://', 'ftp://x']) expect(isHttpUrl(bad)).toBe(false);
  });
});

describe('format', () => {
  it('formats dates and times for zh-CN', () => {
    expect(zhDate('2018-08-08')).toBe('2018年8月8日');
    expect(zhWeekday('2018-08-08')).toBe('星期三');
    expect(isoDateTime('2018-08-08', '09:13:08')).toBe('2018-08-08T09:13:08+08:00');
  });
  it('truncates on code points, never splitting a surrogate pair', () => {
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('短', 3)).toBe('短');
  });
});

describe('timeline', () => {
  const threads = [
    { id: 'g/d/t1', title: 'A', times: ['09:10:00', '09:20:00', '18:37:00', '22:05:00'] },
    { id: 'g/d/t2', title: 'B', times: ['10:00:00', '10:30:00'] },
    { id: 'g/d/t3', title: 'C', times: ['08:05:00'] },
  ];
  it('puts every thread in its own lane, ordered by first message, coloured in that order', () => {
    const tl = layoutTimeline(threads);
    expect(tl.lanes.map((l) => l.threadId)).toEqual(['g/d/t3', 'g/d/t1', 'g/d/t2']);
    expect(tl.lanes.map((l) => l.row)).toEqual([0, 1, 2]);
    expect(tl.rows).toBe(3);
    expect(tl.lanes.map((l) => l.colour)).toEqual(PALETTE.slice(0, 3));
  });
  it('maps times onto whole hours from the first to the last message', () => {
    const tl = layoutTimeline(threads);
    expect(tl.axis[0]).toEqual({ x: 0, label: '08:00' });
    expect(tl.axis[tl.axis.length - 1]!.x).toBeLessThanOrEqual(100);
    const a = tl.lanes.find((l) => l.threadId === 'g/d/t1')!;
    expect(a.ticks).toHaveLength(4);
    expect(a.x0).toBeLessThan(a.x1);
    expect(a.start).toBe('09:10');
    expect(a.end).toBe('22:05');
    for (const l of tl.lanes) for (const x of l.ticks) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(100);
  });
  it('packs many threads into rows without overlapping spans', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `g/d/t${i}`, title: String(i), times: [`${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00`, `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '50' : '20'}:00`] }));
    const tl = layoutTimeline(many, 16);
    expect(tl.rows).toBeLessThan(30);
    for (const a of tl.lanes) for (const b of tl.lanes) {
      if (a !== b && a.row === b.row) expect(a.x1 < b.x0 || b.x1 < a.x0).toBe(true);
    }
  });
  it('is empty for a day without threads', () => {
    expect(layoutTimeline([])).toEqual({ lanes: [], rows: 0, axis: [] });
  });
});

describe('calendar', () => {
  it('covers whole months, Monday first, and links active days', () => {
    const cal = buildCalendar([
      { date: '2018-08-08', count: 376, href: '/devarch/2018-08-08/', label: 'dev' },
      { date: '2018-08-07', count: 40, href: '/devarch/2018-08-07/', label: 'dev' },
      { date: '2018-09-01', count: 10, href: '/x/2018-09-01/', label: 'x' },
    ]);
    expect(cal.cells[0]!.date).toBe('2018-08-01');
    expect(cal.cells[cal.cells.length - 1]!.date).toBe('2018-09-30');
    expect(cal.cells).toHaveLength(61);
    const aug8 = cal.cells.find((c) => c.date === '2018-08-08')!;
    expect(aug8.weekday).toBe(2); // Wednesday
    expect(aug8.level).toBe(4);
    expect(aug8.href).toBe('/devarch/2018-08-08/');
    expect(cal.cells.find((c) => c.date === '2018-08-09')!.href).toBeNull();
    expect(cal.months.map((m) => m.label)).toEqual(['8月', '9月']);
    // 2018-08-01 is a Wednesday: the first column starts on the Monday before it.
    expect(cal.cells[0]!.weekday).toBe(2);
    expect(cal.cells[0]!.week).toBe(0);
  });
  it('sums days of several groups on one date', () => {
    const cal = buildCalendar([{ date: '2018-01-02', count: 3, href: '/a/2018-01-02/', label: 'a' }, { date: '2018-01-02', count: 4, href: '/b/2018-01-02/', label: 'b' }]);
    expect(cal.cells.find((c) => c.date === '2018-01-02')!.count).toBe(7);
  });
  it('marks a date whose logs hold no message as quiet and links it nowhere; a spoken group on that date wins the link', () => {
    const cal = buildCalendar([
      { date: '2018-02-16', count: 0, href: '/a/2018-02-16/', label: 'a' },
      { date: '2018-02-17', count: 0, href: '/a/2018-02-17/', label: 'a' },
      { date: '2018-02-17', count: 5, href: '/b/2018-02-17/', label: 'b' },
    ]);
    const quiet = cal.cells.find((c) => c.date === '2018-02-16')!;
    expect(quiet).toMatchObject({ quiet: true, href: null, level: 0, count: 0 });
    const mixed = cal.cells.find((c) => c.date === '2018-02-17')!;
    expect(mixed).toMatchObject({ quiet: false, href: '/b/2018-02-17/', label: '2018-02-17：b', count: 5 });
    // A date without any log is neither quiet nor linked.
    expect(cal.cells.find((c) => c.date === '2018-02-18')).toMatchObject({ quiet: false, href: null });
  });
  it('levels by share of the busiest day', () => {
    expect([0, 1, 26, 51, 76, 100].map((n) => levelOf(n, 100))).toEqual([0, 1, 2, 3, 4, 4]);
  });
});

describe('trend', () => {
  it('buckets by month with empty months kept', () => {
    expect(monthRange('2017-11-03', '2018-02-01')).toEqual(['2017-11', '2017-12', '2018-01', '2018-02']);
    const s = monthlySeries(['2017-11-03', '2017-11-09', '2018-02-01'], '2017-11-01', '2018-02-28');
    expect(s.map((p) => p.count)).toEqual([2, 0, 0, 1]);
    expect(peak(s)).toEqual({ month: '2017-11', count: 2 });
    expect(peak(monthlySeries([], '2017-11-01', '2017-12-01'))).toBeNull();
  });
  it('scales bars to the box, the tallest full height, empty months flat', () => {
    const bars = barGeometry([{ month: '2018-01', count: 4 }, { month: '2018-02', count: 0 }, { month: '2018-03', count: 1 }], 300, 40);
    expect(bars[0]!.height).toBe(40);
    expect(bars[0]!.y).toBe(0);
    expect(bars[1]!.height).toBe(0);
    expect(bars[2]!.height).toBe(10);
    expect(bars[2]!.x + bars[2]!.width).toBeLessThanOrEqual(300);
  });
});

describe('json-ld', () => {
  it('cannot close the script element or open a comment', () => {
    const s = serializeJsonLd({ text: '</script><script>alert(1)</script><!-- & \u2028' });
    expect(s).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(s)).toEqual({ text: '</script><script>alert(1)</script><!-- & \u2028' });
  });
  it('describes a thread as a DiscussionForumPosting with comments', () => {
    const p = discussionPosting({
      url: 'https://x/t1/', headline: 'Q', text: 'q?', datePublished: '2018-08-08T09:00:00+08:00',
      author: { name: 'A', url: 'https://x/people/a/' }, about: ['清结算'], isPartOf: 'https://x/d/',
      comments: [{ text: 'a', url: 'https://x/d/#m2', datePublished: '2018-08-08T09:01:00+08:00', author: { name: '', url: 'https://x/people/b/' } }],
    });
    expect(p['@type']).toBe('DiscussionForumPosting');
    expect((p.comment as unknown[]).length).toBe(1);
    expect(JSON.stringify(p)).toContain('"匿名"');
  });
});

describe('xml', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlEscape(`<a href="x">&'\u0001\uFFFE`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(xmlEscape('😀')).toBe('😀');
    expect(xmlEscape('\uD800x')).toBe('x');
  });
});
