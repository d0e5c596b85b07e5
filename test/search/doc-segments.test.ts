// The index's spans give the browser back each message's segments, so a result draws the display parts its page draws.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDay } from '../../src/ingest/parse.ts';
import { assignSpeakers } from '../../src/speakers/assign.ts';
import { displayParts } from '../../src/site/display.ts';
import { docSegments, docSpans, type DocSpan } from '../../src/search/doc-segments.ts';
import { FIXTURE_DAYS } from '../helpers/fixture.ts';
import { hostileLog, HOSTILE_DATE, HOSTILE_GROUP } from '../e2e/hostile-log.ts';

const LOGS = join(import.meta.dirname, '../../content/logs');
const days = FIXTURE_DAYS.map((d) => { const [g, date] = d.split('/'); const file = `${g}/${date}-chat.markdown`; return parseDay(readFileSync(join(LOGS, file), 'utf8'), file).day; });
const hostile = parseDay(hostileLog(), `${HOSTILE_GROUP}/${HOSTILE_DATE}-chat.markdown`).day;

describe('search result segments', () => {
  it('are the message segments again, so results draw the same display parts as pages (8 real days and the hostile log)', () => {
    const all = assignSpeakers([...days, hostile]).days.flatMap((d) => d.messages);
    let withSpans = 0;
    const kinds = new Set<string>();
    for (const m of all) {
      const spans = docSpans(m.segments, m.text);
      if (spans) withSpans++;
      const back = docSegments(m.text, spans).map((p) => p.segment);
      // Text segments split where the parser split them (around links, emoji…) join up the same way.
      expect(displayParts(back), m.id).toEqual(displayParts(m.segments.filter((g) => g.type !== 'text' || g.text !== '')));
      for (const p of displayParts(back)) kinds.add(p.kind);
    }
    expect(withSpans).toBeGreaterThan(100);
    for (const k of ['text', 'link', 'unsafe-link', 'image', 'mention', 'emoji']) expect(kinds, k).toContain(k);
  });

  it('store nothing for plain text, and a URL only when the title hides it', () => {
    expect(docSpans([{ type: 'text', text: '对账文件' }], '对账文件')).toBeUndefined();
    expect(docSpans([{ type: 'link', url: 'https://a.example/', title: 'https://a.example/', safe: true }], 'https://a.example/')).toEqual([[0, 18, 'l']]);
    expect(docSpans([{ type: 'text', text: '看' }, { type: 'link', url: 'https://a.example/', title: '文档', safe: true }], '看文档')).toEqual([[1, 2, 'l', 'https://a.example/']]);
    // Segments that do not spell the text (a rewrite broke them apart): plain text rather than a misplaced link.
    expect(docSpans([{ type: 'link', url: 'https://a.example/', title: '文档', safe: true }], '别的')).toBeUndefined();
  });

  it('treat spans from the index as untrusted: out of range, overlapping or unsafe targets do not become links', () => {
    const text = '看文档和图';
    const spans = [[1, 2, 'l', 'javascript:alert(1)'], [2, 2, 'l', 'https://a.example/'], [4, 9, 'e'], [-1, 1, 'm']] as DocSpan[];
    const parts = displayParts(docSegments(text, spans).map((p) => p.segment));
    expect(parts.map((p) => p.kind)).toEqual(['text', 'unsafe-link', 'text']);
    expect(parts.map((p) => ('text' in p ? p.text : '')).join('')).toBe('看文档 (javascript:alert(1))和图');
  });
});

describe('a mirrored image in a result', () => {
  const img = { type: 'image', url: 'https://img.example/a.png', alt: '', safe: true } as const;
  it('shows the copy the page shows, and links the original', () => {
    const spans = docSpans([img], '', (url) => (url === img.url ? '/img/0123456789abcdef0123.png' : null));
    expect(spans).toEqual([[0, 0, 'i', img.url, '', '/img/0123456789abcdef0123.png']]);
    const [placed] = docSegments('', spans);
    expect(placed?.src).toBe('/img/0123456789abcdef0123.png');
    expect(displayParts([placed!.segment])).toEqual([{ kind: 'image', href: img.url, alt: '聊天图片' }]);
    expect(docSpans([img], '', () => null)).toEqual([[0, 0, 'i', img.url]]);
  });
  it('takes from the index only a path the mirror makes', () => {
    for (const bad of ['javascript:alert(1)', '//evil.example/x.png', '/img/../secret.png', 'https://evil.example/img/0123456789abcdef0123.png', '/img/0123456789abcdef0123.svg']) {
      expect(docSegments('', [[0, 0, 'i', img.url, '', bad]])[0]?.src, bad).toBeUndefined();
    }
  });
});
