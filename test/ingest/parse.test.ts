// Parser fixtures. Every fixture under test/fixtures/ingest/ is cut byte for byte from a real log of
// content/logs (front matter + whole message blocks; see SOURCES.md there), except
// adapted-2018-08-08-chat.markdown, whose cases do not occur in the eight bundled logs: each is a real
// header/body of devarch/2018-08-08 altered into the shape the issue lists.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDay } from '../../src/ingest/parse.ts';
import { decodeEntities, parseInline, visibleText } from '../../src/text/segments.ts';
import type { Message, ParsedDay } from '../../src/model/types.ts';

const FIX = join(import.meta.dirname, '../fixtures/ingest');

/** Parses a fixture as if it were `<group>/<date>-chat.markdown` (fixtures are named `<group>-<date>-chat.markdown`). */
function fixture(name: string): ParsedDay {
  const m = /^([a-z]+)-(\d{4}-\d{2}-\d{2}-chat\.markdown)$/.exec(name)!;
  return parseDay(readFileSync(join(FIX, name), 'utf8'), `${m[1]}/${m[2]}`);
}

function at(p: ParsedDay, time: string, speaker?: string): Message {
  const m = p.day.messages.find((x) => x.time === time && (speaker === undefined || x.speaker === speaker));
  if (!m) throw new Error(`no message ${time} ${speaker ?? ''}`);
  return m;
}

/** The reading-order model must spell out exactly the text. */
function expectSegmentsSpellText(p: ParsedDay) {
  for (const m of p.day.messages) expect(visibleText(m.segments), `${m.id}`).toBe(m.text);
}

describe('front matter', () => {
  it('reads quoted author, tabs in tag:, header-img: and a missing lines: (proddev 2017-09-20)', () => {
    const p = fixture('proddev-2017-09-20-chat.markdown');
    expect(p.day.author).toBe('PaymentGroup');
    expect(p.day.tags).toEqual(['chat']);
    expect(p.day.declaredLines).toBeNull();
    expect(p.day.title).toBe('2017-09-20-WeChat');
    expect(p.problems).toEqual([]);
  });
  it('keeps lines: as information only and never as the message count (devarch 2017-12-19)', () => {
    const p = fixture('devarch-2017-12-19-chat.markdown');
    expect(p.day.declaredLines).toBe(289);
    expect(p.day.messages.length).toBe(16);
  });
  it('turns author: None into null', () => {
    expect(fixture('adapted-2018-08-08-chat.markdown').day.author).toBeNull();
  });
  it('reports a front-matter date that disagrees with the file name, at the date line', () => {
    const src = readFileSync(join(FIX, 'prodrd-2019-01-08-chat.markdown'), 'utf8');
    const p = parseDay(src, 'prodrd/2019-01-09-chat.markdown');
    expect(p.problems).toEqual([expect.objectContaining({ line: 4, severity: 'error', message: expect.stringContaining('2019-01-08') })]);
  });
});

describe('headers', () => {
  it('keeps an empty speaker, a raw wxid and same-time messages (prodrd 2019-01-08)', () => {
    const p = fixture('prodrd-2019-01-08-chat.markdown');
    expect(p.day.messages.map((m) => [m.seq, m.line, m.time, m.speaker])).toEqual([
      [1, 9, '11:52:38', '马春林-工品汇-研发'],
      [2, 11, '12:43:58', ''],
      [3, 13, '12:44:46', 'wxid_mbg14jvtbon722'],
      [4, 17, '20:42:42', '刘江-现在支付-开发'],
    ]);
    expect(p.day.messages[0]!.id).toBe('prodrd/2019-01-08/1');
  });
  it('keeps speakers with spaces, trailing spaces, `?` artefacts and 我 (devarch 2017-12-19)', () => {
    const p = fixture('devarch-2017-12-19-chat.markdown');
    const names = p.day.messages.map((m) => m.speaker);
    expect(names).toContain('阿茂-上海百联电商 研发工程师');
    expect(names).toContain('Yongqiang??');
    expect(names).toContain('我');
  });
  it('keeps a speaker containing @ (proddev 2017-09-20)', () => {
    expect(fixture('proddev-2017-09-20-chat.markdown').day.messages.map((m) => m.speaker)).toContain('李玉福@农信互联');
  });
  it('accepts three spaces before the speaker', () => {
    expect(fixture('adapted-2018-08-08-chat.markdown').day.messages[0]!.speaker).toBe('老熊-头条-支付PL');
  });
  it('keeps a header-like line with a bad time as text and reports it', () => {
    const p = fixture('adapted-2018-08-08-chat.markdown');
    const last = p.day.messages[p.day.messages.length - 1];
    expect(last!.text).toBe('稍等\n> 9:05:01  wood-通联-技术');
    expect(p.problems).toEqual([expect.objectContaining({ severity: 'error', line: 55, message: expect.stringContaining('9:05:01') })]);
  });
});

describe('bodies', () => {
  const p = fixture('adapted-2018-08-08-chat.markdown');
  it('marks a missing body (next header at once) and a whitespace-only body as empty', () => {
    const missing = at(p, '09:21:43');
    expect(missing.kind).toBe('empty');
    expect(missing.flags).toContain('no-body');
    expect(missing.raw).toBe('');
    const ws = at(p, '09:21:44');
    expect(ws.kind).toBe('empty');
    expect(ws.text).toBe('');
    expect(ws.flags).not.toContain('no-body');
  });
  it('trims a leading space and three trailing spaces; keeps raw exactly', () => {
    const m = at(p, '09:27:39');
    expect(m.text).toBe('分享内容来自 《睡眠革命》一书 https://item.jd.com/12183842.html');
    expect(m.raw).toBe('   \n 分享内容来自 《睡眠革命》一书 https://item.jd.com/12183842.html   \n   ');
    expect(m.kind).toBe('text');
    expect(m.links).toEqual([{ url: 'https://item.jd.com/12183842.html', title: 'https://item.jd.com/12183842.html', safe: true }]);
  });
  it('reads an empty body from a real log (prodrd 2019-01-08 12:43:58)', () => {
    const m = at(fixture('prodrd-2019-01-08-chat.markdown'), '12:43:58');
    expect(m.kind).toBe('empty');
  });
  it('keeps text ending in three spaces without the padding (devarch 2017-12-19 08:54:06)', () => {
    expect(at(fixture('devarch-2017-12-19-chat.markdown'), '08:54:06', '我').text).toBe('个税是得公司代缴。');
  });
});

describe('entities', () => {
  it('decodes until stable', () => {
    expect(decodeEntities('&amp;amp;amp;')).toBe('&');
    expect(decodeEntities('&amp;#160;')).toBe('\u00a0');
    expect(decodeEntities('a &amp;gt; b &unknown; &#0;')).toBe('a > b &unknown; &#0;');
  });
  it('decodes &amp;gt; in text (devarch 2018-08-07 22:07:21)', () => {
    expect(at(fixture('devarch-2018-08-07-chat.markdown'), '22:07:21').text).toContain('）>代付金额');
  });
  it('decodes &amp;#160; (prodarch 2018-01-16 10:41:58)', () => {
    expect(at(fixture('prodarch-2018-01-16-chat.markdown'), '10:41:58').text).toContain('1、\u00a0 招投标中心');
  });
  it('decodes &amp;amp;amp; inside a link target (prodarch 2017-12-20 06:57:22)', () => {
    const m = at(fixture('prodarch-2017-12-20-chat.markdown'), '06:57:22');
    expect(m.kind).toBe('link');
    expect(m.text).toBe('20171218-微服务下支付宝接入');
    expect(m.links[0]!.url).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=MzI4OTQ3MTI2NA==&mid=2247483892&idx=1&sn=/);
    expect(m.links[0]!.url).not.toContain('&amp;');
  });
});

describe('links and images', () => {
  const p = fixture('adapted-2018-08-08-chat.markdown');
  it('joins a title split across lines after U+2028 or U+0085', () => {
    for (const t of ['10:01:00', '10:01:05']) {
      const m = at(p, t);
      expect(m.kind).toBe('link');
      expect(m.links).toEqual([{ url: 'https://pan.baidu.com/s/1-u9fCMwowpY-Mxp9mjG_Ww', title: '支付学院一期上海', safe: true }]);
      expect(m.text).toBe('支付学院一期上海');
    }
  });
  it('keeps an empty-target link as its name, not as a link', () => {
    const m = at(p, '10:02:00');
    expect(m.links).toEqual([]);
    expect(m.text).toBe('睡眠管理.pdf');
  });
  it('keeps Excel-HTML debris as flagged text, never as a link', () => {
    const m = at(p, '10:03:00');
    expect(m.links).toEqual([]);
    expect(m.flags).toContain('markup-debris');
    expect(m.text).toBe('[</td><td>交易流水](<tr style="height:18px">)');
    expect(m.segments.every((s) => s.type === 'text')).toBe(true);
  });
  it('keeps XML debris as flagged text (prodarch 2017-12-20 10:24:06)', () => {
    const m = at(fixture('prodarch-2017-12-20-chat.markdown'), '10:24:06');
    expect(m.flags).toContain('markup-debris');
    expect(m.links).toEqual([]);
    expect(m.text).toBe('[longhon:](<?xml version="1.0"?>)');
  });
  it('reads an image with one trailing space, with and without a month folder', () => {
    const real = at(fixture('prodarch-2017-12-20-chat.markdown'), '11:00:46');
    expect(real.kind).toBe('image');
    expect(real.text).toBe('');
    expect(real.images).toEqual([{ url: 'http://static.cocolian.cn/img/201712/20171220_110046.png', alt: '2017-12-20 11:00:46', safe: true }]);
    expect(at(p, '10:04:00').images[0]!.url).toBe('http://static.cocolian.cn/img/20180808_100400.png');
  });
  it('marks a red-packet link as a system notice (prodarch 2017-12-20 09:29:39)', () => {
    expect(at(fixture('prodarch-2017-12-20-chat.markdown'), '09:29:39').kind).toBe('system');
  });
  it('flags javascript: targets as unsafe', () => {
    const i = parseInline('[x](javascript:alert(1))');
    expect(i.links[0]!.safe).toBe(false);
  });
});

describe('mentions, emoji, quotes', () => {
  it('reads @name? and turns the lost U+2005 into a space (devarch 2017-12-19 00:03:55)', () => {
    const m = at(fixture('devarch-2017-12-19-chat.markdown'), '00:03:55', '阿茂');
    expect(m.mentions).toEqual(['su']);
    expect(m.text).toBe('@su 坐标哪里呀');
  });
  it('prefers the longest speaker of the day: `@Yongqiang???` is Yongqiang?? (devarch 2017-12-19 09:11:43)', () => {
    const m = at(fixture('devarch-2017-12-19-chat.markdown'), '09:11:43');
    expect(m.mentions).toEqual(['Yongqiang??']);
  });
  it('decodes &amp;amp; inside a mentioned name (prodarch 2017-12-20 09:43:49)', () => {
    expect(at(fixture('prodarch-2017-12-20-chat.markdown'), '09:43:49').mentions).toEqual(['刘渊-深结算-产品&市场-深圳']);
  });
  it('reads the full-width ＠ ended by U+3000, and a speaker name containing @ (proddev 2017-09-20)', () => {
    const p = fixture('proddev-2017-09-20-chat.markdown');
    expect(at(p, '18:12:03').mentions).toEqual(['豆角茄子']);
    expect(at(p, '20:04:53').mentions).toEqual(['李玉福@农信互联']);
  });
  it('ends a mention at U+2005 and reads doubled emoji codes', () => {
    const m = at(fixture('adapted-2018-08-08-chat.markdown'), '10:05:00');
    expect(m.mentions).toEqual(['风兮-Java技术-上海']);
    expect(m.emojis).toEqual(['[强]', '[强]']);
    expect(m.text).toBe('@风兮-Java技术-上海 支付宝这个内外账户有啥区别啊？[强][强]');
  });
  it('keeps emoji codes literally and flags ?? as a lost emoji (devarch 2017-12-19)', () => {
    const p = fixture('devarch-2017-12-19-chat.markdown');
    expect(at(p, '00:04:55', '阿茂').emojis).toEqual(['[捂脸]']);
    expect(at(p, '00:04:55', '阿茂').text).toBe('揣着老脸去刷个存在[捂脸]');
    expect(at(p, '09:13:44', 'Yongqiang??').flags).toContain('lost-emoji');
  });
  it('captures a quoted reply with ：and no spaces (prodarch 2017-12-20 13:50:57)', () => {
    const m = at(fixture('prodarch-2017-12-20-chat.markdown'), '13:50:57');
    expect(m.quote?.author).toBe('洪宇明_平安科技_开发经理_深圳');
    expect(m.quote?.text).toMatch(/^@乔俊翔-AYM-支付开发 现在微信和微众是分开的啊/);
    expect(m.text).toMatch(/^是的，微信和微众是分开的/);
    expect(m.mentions).toEqual([]);
  });
  it('captures a quoted reply with spaces and an ASCII colon', () => {
    const m = at(fixture('adapted-2018-08-08-chat.markdown'), '10:06:00');
    expect(m.quote).toEqual({ author: '风兮-Java技术-上海', text: '先改余额，再记分录流水' });
    expect(m.text).toBe('是的[呲牙]');
  });
});

describe('duplicates and mojibake', () => {
  it('marks the exporter\'s second copy, never drops it (devarch 2017-12-19)', () => {
    const p = fixture('devarch-2017-12-19-chat.markdown');
    const dup = (time: string, speaker: string) => at(p, time, speaker).duplicateOf;
    expect(dup('00:03:55', '阿茂')).toBeNull();
    expect(dup('00:03:55', '阿茂-上海百联电商 研发工程师')).toBe(at(p, '00:03:55', '阿茂').seq);
    expect(dup('08:54:06', '我')).toBe(at(p, '08:54:06', '凤凰牌老熊-群主').seq);
    // one second apart, under 我 then the real name
    expect(dup('09:11:44', '李雄峰')).toBe(at(p, '09:11:43', '我').seq);
    // nearly the same text: "问题2: " added by the second copy
    expect(dup('09:15:06', '李雄峰')).toBe(at(p, '09:15:06', '我').seq);
    expect(dup('09:12:24', '安代成，实投金融')).toBe(at(p, '09:12:24', '澜柯-快钱-开发').seq);
    expect(p.day.messages.length).toBe(16);
    expect(p.day.messages.filter((m) => m.duplicateOf !== null).length).toBe(8);
  });
  it('keeps mojibake and flags it (prodrd 2019-01-08 20:42:42)', () => {
    const m = at(fixture('prodrd-2019-01-08-chat.markdown'), '20:42:42');
    expect(m.text).toContain('┱飧隹缇持');
    expect(m.flags).toContain('mojibake');
  });
});

describe('every fixture', () => {
  it('spells text exactly with its segments', () => {
    for (const f of ['adapted-2018-08-08', 'devarch-2017-12-19', 'devarch-2018-08-07', 'prodarch-2017-12-20', 'prodarch-2018-01-16', 'proddev-2017-09-20', 'prodrd-2019-01-08']) {
      expectSegmentsSpellText(fixture(`${f}-chat.markdown`));
    }
  });
});
