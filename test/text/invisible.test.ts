// Bidi controls and zero-width characters (src/text/invisible.ts) never survive ingest: not in bodies, quotes,
// link titles or speaker names; so no page, title, feed, JSON-LD or search snippet can show one, and a word
// with a zero-width space inside is still the word for term linking and search.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stripInvisible } from '../../src/text/invisible.ts';

/** Test oracle: any bidi embedding, override, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C). */
const hasBidiControl = (s: string) => /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(s);
import { parseBody } from '../../src/text/segments.ts';
import { parseDay } from '../../src/ingest/parse.ts';
import { compileTermWords, termSpansWith } from '../../src/glossary/glossary.ts';
import type { Term } from '../../src/model/types.ts';

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

describe('stripInvisible', () => {
  it('removes every bidi embedding, override, isolate and mark, and zero-width characters inside words', () => {
    for (const c of [...BIDI, ...ZERO_WIDTH]) expect(stripInvisible(`分${c}录流水`), `U+${c.charCodeAt(0).toString(16)}`).toBe('分录流水');
    expect(stripInvisible('坏人\u202e技术-司公\u202c')).toBe('坏人技术-司公');
  });
  it('keeps the joiner inside an emoji sequence, and all visible text', () => {
    expect(stripInvisible('👨\u200d💻 程序员')).toBe('👨\u200d💻 程序员');
    expect(stripInvisible('👍\ufe0f\u200d🔥')).toBe('👍\ufe0f\u200d🔥');
    expect(stripInvisible('T+0 清算，对账文件 ERR')).toBe('T+0 清算，对账文件 ERR');
  });
  it('leaves no bidi control in any string (property)', () => {
    const ch = fc.constantFrom(...BIDI, ...ZERO_WIDTH, 'a', '分', '👨', '\ufe0f', ' ', '\n');
    fc.assert(fc.property(fc.array(ch, { maxLength: 40 }), (cs) => {
      const out = stripInvisible(cs.join(''));
      expect(hasBidiControl(out)).toBe(false);
      expect(out).not.toMatch(/[\u200b\u200c\u2060\ufeff\u00ad]/);
    }), { numRuns: 1000 });
  });
});

describe('ingest removes invisible characters', () => {
  it('from message bodies, entity-encoded ones included, and from quotes', () => {
    const b = parseBody(['请看\u202e附件.exe 和 &#x202E;反转&#8238; 以及 分\u200b录流水']);
    expect(b.text).toBe('请看附件.exe 和 反转 以及 分录流水');
    expect(hasBidiControl(JSON.stringify(b))).toBe(false);
    const q = parseBody(['「 坏\u202e人：引\u2067用」 - - - - - 回复']);
    expect(q.quote).toEqual({ author: '坏人', text: '引用' });
  });
  it('from link titles and urls', () => {
    const b = parseBody(['[\u202e点我](https://example.com/\u200bx)']);
    expect(b.links).toEqual([{ url: 'https://example.com/x', title: '点我', safe: true }]);
  });
  it('from speaker names, so a name cannot reverse the text around it', () => {
    const src = `---\nlayout: source\ntitle: "2018-09-01-WeChat"\ndate: 2018-09-01 12:00:00\n---\n> 09:00:01  坏人\u202e技术-司公  \n   \n你好  \n   \n`;
    const p = parseDay(src, 'devarch/2018-09-01-chat.markdown');
    expect(p.day.messages.map((m) => m.speaker)).toEqual(['坏人技术-司公']);
  });
  it('so a glossary term with a zero-width space inside is still linked', () => {
    const term: Term = { slug: 'fenlu', term: '分录流水', aliases: [], topics: [], related: [], body: '', threadIds: [] };
    const { text } = parseBody(['请问分\u200b录流水怎么对？']);
    expect(termSpansWith(text, compileTermWords([term])).map((s) => text.slice(s.start, s.end))).toEqual(['分录流水']);
  });
});
