import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameMatcher, parseBody } from '../../src/text/segments.ts';
import { echoKey, mentionsEveryone, plainOf } from '../../src/text/reading.ts';
import { parseDay } from '../../src/ingest/parse.ts';

const body = (text: string, names: string[] = []) => parseBody(text.split('\n'), nameMatcher(names));

describe('the reading of a message (Message.plain)', () => {
  it('drops URLs, emoji codes and mentions, keeps link titles and the words around them', () => {
    const b = body('@张三 丰 看[捂脸]这个 https://a.example/x?y=1 和[文档](https://b.example/d)吧', ['张三 丰']);
    expect(b.plain.replace(/\s+/g, ' ').trim()).toBe('看 这个 和文档吧');
    expect(b.text).toContain('@张三 丰');
  });

  it('keeps mentions as @name when asked (titles keep inner mentions)', () => {
    const b = body('今天请到@李四 给大家做分享', ['李四']);
    expect(plainOf(b.segments, { mentions: true })).toBe('今天请到@李四 给大家做分享');
    expect(b.plain).toBe('今天请到  给大家做分享');
  });

  it('drops URLs and bracketed codes the parser left inside text', () => {
    expect(body('见 ftp://files.example/a.zip 和 [图片] 以及[未知码]').plain.replace(/\s+/g, ' ').trim()).toBe('见 和 以及');
  });

  it('is stored on every message at ingest, with the seconds of its time', () => {
    const src = '---\ntitle: t\ndate: 2020-01-01\nauthor: None\n---\n\n> 09:05:07  张三\n\n@李四 你好 https://x.example\n\n> 09:06:00  李四\n\n[强]\n';
    const { day } = parseDay(src, 'g/2020-01-01-chat.markdown');
    expect(day.messages.map((m) => [m.seconds, m.plain.trim()])).toEqual([[9 * 3600 + 5 * 60 + 7, '你好'], [9 * 3600 + 6 * 60, '']]);
  });

  it('never holds a bare URL, an emoji code the parser knows, or an @ the parser read as a mention', () => {
    const piece = fc.constantFrom('看', '支付', ' ', '\n', '@张三', '@all', 'https://a.example/p', '[捂脸]', '[OK]', '[标题](https://c.example)', '![图](https://i.example/1.png)', 'x', '，');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const b = body(parts.join(' '), ['张三']);
      expect(b.plain).not.toMatch(/https?:\/\//);
      expect(b.plain).not.toContain('[捂脸]');
      // Every @ the parser read as a mention is gone; an @ inside a word (user@host) stays.
      const ats = (s: string) => s.split('@').length - 1;
      expect(ats(b.plain)).toBe(ats(b.text) - b.mentions.length);
    }));
  });
});

describe('mentionsEveryone', () => {
  it('is true for @all / @所有人 as the parser reads them, not for a name that starts with all', () => {
    expect(mentionsEveryone(body('@all 今晚分享').mentions)).toBe(true);
    expect(mentionsEveryone(body('@所有人 通知').mentions)).toBe(true);
    expect(mentionsEveryone(body('@allen 你好').mentions)).toBe(false);
  });
});

describe('echoKey', () => {
  it('is the same for a message and a re-spaced, re-punctuated copy of it', () => {
    expect(echoKey('好的，明天 再说[强]!')).toBe(echoKey('好的明天再说'));
    expect(echoKey('ABC')).toBe('abc');
  });
});
