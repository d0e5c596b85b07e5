import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignSpeakers, dayRoster, normalizeDisplay, parseNickname, resolveMention, speakerSlug } from '../../src/speakers/assign.ts';
import { parseDay } from '../../src/ingest/parse.ts';
import type { Day, Message } from '../../src/model/types.ts';

const nick = (raw: string) => {
  const n = parseNickname(raw);
  return [n.name, n.company, n.role, n.city];
};

describe('parseNickname on real nicknames', () => {
  it.each([
    ['wood-通联-技术', ['wood', '通联', '技术', null]],
    ['上海-上海中钢银联通-董路-技术', ['董路', '上海中钢银联通', '技术', '上海']],
    ['珞珈-恒丰银行-产品-北京', ['珞珈', '恒丰银行', '产品', '北京']],
    ['宝玉-握手国际-产品-大望路', ['宝玉', '握手国际', '产品', '大望路']],
    ['拉卡拉-市场-老孙', ['老孙', '拉卡拉', '市场', null]],
    ['深圳-平安-产品-黄朋英', ['黄朋英', '平安', '产品', '深圳']],
    ['中金支付～开发～翔远', ['翔远', '中金支付', '开发', null]],
    ['王月卿～华胜～产品经理～北京', ['王月卿', '华胜', '产品经理', '北京']],
    ['振效+神码+西安', ['振效', '神码', null, '西安']],
    ['鱼_鑫服_产品_上海', ['鱼', '鑫服', '产品', '上海']],
    ['Jeffrey－Pingpong金融－架构师－', ['Jeffrey', 'Pingpong金融', '架构师', null]],
    ['张泽雄-民生金服 项目总监', ['张泽雄', '民生金服', '项目总监', null]],
    ['胡圣 支付产品经理 猪八戒网', ['胡圣', '猪八戒网', '支付产品经理', null]],
    ['李秀刚-厦门投融汇CTO', ['李秀刚', '厦门投融汇', 'CTO', '厦门']],
    ['陈琳 中移动PM', ['陈琳', '中移动', 'PM', null]],
    ['都沙沙-点融网-支付PM', ['都沙沙', '点融网', '支付PM', null]],
    ['风兮-Java技术-上海', ['风兮', null, 'Java技术', '上海']],
    ['韩涛-快捷通渠道经理', ['韩涛', '快捷通', '渠道经理', null]],
    ['北京-中投科信产品-张冠杰', ['张冠杰', '中投科信', '产品', '北京']],
    ['北京佳付通-李宏涛（产品技术）', ['李宏涛', '北京佳付通', '产品技术', '北京']],
    ['北京一张泽雄', ['张泽雄', null, null, '北京']],
    ['【信融集团】·王瑞', ['王瑞', '信融集团', null, null]],
    ['李玉福@农信互联', ['李玉福', '农信互联', null, null]],
    ['安代成，实投金融', ['安代成', '实投金融', null, null]],
    ['xuezs-沃支付-产品-北京', ['xuezs', '沃支付', '产品', '北京']],
    ['梁考拉-博时-资金清算-北京', ['梁考拉', '博时', '资金清算', '北京']],
    ['Codefor-YMT-TechLead-BJ', ['Codefor', 'YMT', 'TechLead', 'BJ']],
    ['Wall-E 爱贝云计费产品主管', ['Wall-E', '爱贝云计费', '产品主管', null]],
    ['楼鸣 Robin 8194', ['楼鸣', null, null, null]],
    ['Two_lei', ['Two_lei', null, null, null]],
    ['Gill Chi', ['Gill Chi', null, null, null]],
    ['周峰（Edison Zhou）', ['周峰', null, null, null]],
    ['Yongqiang??', ['Yongqiang', null, null, null]],
    ['｛润瑾｝', ['润瑾', null, null, null]],
    ['wxid_mbg14jvtbon722', ['wxid_mbg14jvtbon722', null, null, null]],
    ['我', ['我', null, null, null]],
  ])('%s', (raw, want) => {
    expect(nick(raw)).toEqual(want);
  });

  it('decodes entities (also escaped several times) and trims the exporter spacing', () => {
    expect(normalizeDisplay('  A&amp;amp;B-通联-技术  ')).toBe('A&B-通联-技术');
    expect(parseNickname('A&amp;amp;B-通联-技术').name).toBe('A&B');
    expect(normalizeDisplay('萌小喵?')).toBe('萌小喵');
  });

  it('covers every nickname of the bundled logs with a non-empty name', () => {
    const dir = join(import.meta.dirname, '../../content/logs');
    const files = ['devarch/2017-12-19', 'devarch/2018-08-07', 'devarch/2018-08-08', 'prodarch/2017-12-20', 'prodarch/2018-01-16', 'proddev/2017-09-20', 'proddev/2018-06-13', 'prodrd/2019-01-08'];
    const names = new Set<string>();
    for (const f of files) for (const l of readFileSync(join(dir, `${f}-chat.markdown`), 'utf8').split('\n')) {
      const m = /^> \d\d:\d\d:\d\d(.*)$/.exec(l);
      if (m) names.add(m[1]!.trim());
    }
    expect(names.size).toBeGreaterThan(250);
    for (const n of names) if (n) expect(parseNickname(n).name, n).not.toBe('');
  });
});

describe('speakerSlug', () => {
  it('is URL-safe, keeps CJK and is readable', () => {
    expect(speakerSlug('珞珈')).toBe('珞珈');
    expect(speakerSlug('Two_lei')).toBe('two-lei');
    expect(speakerSlug('M.cc')).toBe('m-cc');
    expect(speakerSlug('a/b?c#d%e&f')).toBe('abcdef');
    expect(encodeURI(`/people/${speakerSlug('Wall-E 爱贝')}/`)).not.toMatch(/[?#&]/);
  });
});

// A tiny day builder: enough Message fields for the speaker stage.
let seqCounter = 0;
function msg(dayId: string, speaker: string, opts: Partial<Message> = {}): Message {
  const seq = ++seqCounter;
  return {
    id: `${dayId}/${seq}`, day: dayId, seq, line: seq, time: '10:00:00', speaker, speakerId: '', raw: '', text: '', plain: '', seconds: 36000,
    segments: [], links: [], images: [], mentions: [], mentionIds: [], emojis: [], kind: 'text', quote: null,
    duplicateOf: null, flags: [], ...opts,
  };
}
function day(id: string, make: (id: string) => Message[]): Day {
  seqCounter = 0;
  const [group, date] = id.split('/');
  const messages = make(id).map((m, i) => ({ ...m, seq: i + 1, id: `${id}/${i + 1}` }));
  return { id, group: group!, date: date!, file: `${id}-chat.markdown`, title: '', author: null, declaredLines: null, tags: [], messages };
}
const idOf = (r: ReturnType<typeof assignSpeakers>, display: string) => r.days.flatMap((d) => d.messages).find((m) => m.speaker === display)!.speakerId;

describe('assignSpeakers: one speaker per person', () => {
  it('merges nicknames with the same name part and an overlapping company, keeping every alias', () => {
    const r = assignSpeakers([
      day('g/2018-01-01', (id) => [msg(id, '胡桥-资邦金服-账务核心业务架构'), msg(id, '胡桥-资邦金服-账务核心业务架构')]),
      day('g/2018-01-02', (id) => [msg(id, '胡桥-资邦金服-财务核心')]),
    ]);
    expect(idOf(r, '胡桥-资邦金服-财务核心')).toBe(idOf(r, '胡桥-资邦金服-账务核心业务架构'));
    const s = r.speakers.find((x) => x.id === idOf(r, '胡桥-资邦金服-财务核心'))!;
    expect(s.aliases.sort()).toEqual(['胡桥-资邦金服-账务核心业务架构', '胡桥-资邦金服-财务核心'].sort());
    expect(s.messageCount).toBe(3);
    expect(s.days).toEqual(['g/2018-01-01', 'g/2018-01-02']);
    expect([s.name, s.company, s.role]).toEqual(['胡桥', '资邦金服', '账务核心业务架构']);
  });

  it('joins a bare full name to its only company, but not when the companies disagree', () => {
    const r = assignSpeakers([day('g/2018-01-01', (id) => [
      msg(id, '李秀刚'), msg(id, '李秀刚-厦门投融汇CTO'),
      msg(id, '田浩沛'), msg(id, '百联-田浩沛'), msg(id, '田浩沛-银生宝电子支付公司技术总'),
    ])]);
    expect(idOf(r, '李秀刚')).toBe(idOf(r, '李秀刚-厦门投融汇CTO'));
    const tian = new Set(['田浩沛', '百联-田浩沛', '田浩沛-银生宝电子支付公司技术总'].map((n) => idOf(r, n)));
    expect(tian.size).toBe(3);
    expect([...tian].every((id) => id.startsWith('田浩沛'))).toBe(true);
  });

  it('does not merge on a shared common or short name alone', () => {
    const r = assignSpeakers([day('g/2018-01-01', (id) => [
      msg(id, '秋水-阿里云-鼓励师'), msg(id, '秋水-厚本金融-产品经理'), msg(id, '秋水'),
      msg(id, 'Victor'), msg(id, 'Victor-JDJR-研发-北京'), msg(id, 'Ben-PPTV境外产品负责人'), msg(id, 'Ben富友PM'),
    ])]);
    const ids = r.days[0]!.messages.map((m) => m.speakerId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(r.speakers.map((s) => s.id)).size).toBe(r.speakers.length);
  });

  it('merges on the exporter writing one message under two nicknames, but never makes 我 someone', () => {
    const r = assignSpeakers([day('g/2018-01-01', (id) => [
      msg(id, '秋水', { time: '09:00:00', raw: 'x' }), msg(id, '秋水-厚本金融-产品经理', { time: '09:00:00', raw: 'x', duplicateOf: 1 }),
      msg(id, '龚晓冬', { time: '09:01:00' }), msg(id, '我', { time: '09:01:00', duplicateOf: 3 }),
    ])]);
    expect(idOf(r, '秋水')).toBe(idOf(r, '秋水-厚本金融-产品经理'));
    expect(idOf(r, '我')).not.toBe(idOf(r, '龚晓冬'));
    expect(r.speakers.find((s) => s.id === idOf(r, '我'))!.aliases).toEqual(['我']);
  });

  it('merges a nickname the chat mentions for someone who writes under another one', () => {
    const r = assignSpeakers([day('g/2018-01-01', (id) => [
      msg(id, '无缺-杭州-后端'),
      msg(id, '丁丁-群管理', { mentions: ['无缺-数心-开发'], segments: [{ type: 'mention', name: '无缺-数心-开发', speakerId: null }] }),
    ]), day('g/2018-01-02', (id) => [msg(id, '无缺-数心-开发')])]);
    const wu = idOf(r, '无缺-杭州-后端');
    expect(idOf(r, '无缺-数心-开发')).toBe(wu);
    const m = r.days[0]!.messages[1];
    expect(m!.mentionIds).toEqual([wu]);
    expect(m!.segments[0]).toEqual({ type: 'mention', name: '无缺-数心-开发', speakerId: wu });
    expect(r.speakers.find((s) => s.id === wu)!.aliases).toEqual(expect.arrayContaining(['无缺-杭州-后端', '无缺-数心-开发']));
  });

  it('gives the nameless, the exporter and raw WeChat ids their own sensible speakers', () => {
    const r = assignSpeakers([day('g/2018-01-01', (id) => [msg(id, ''), msg(id, '我'), msg(id, 'wxid_mbg14jvtbon722'), msg(id, 'A&amp;amp;B')])]);
    const [anon, me, wx, amp] = r.days[0]!.messages.map((m) => r.speakers.find((s) => s.id === m.speakerId)!);
    expect([anon!.id, anon!.name]).toEqual(['anonymous', '匿名']);
    expect(me!.name).toBe('我');
    expect(wx!.id).toBe('wxid-mbg14jvtbon722');
    expect(amp!.name).toBe('A&B');
  });
});

describe('mention resolution', () => {
  const roster = dayRoster(['拉卡拉-市场-老孙', '杨彧-微众-支付产品经理-上海', 'Yongqiang', '龚晓冬', '龚晓冬-银联'], (k) => parseNickname(k));
  it.each([
    ['@拉卡拉-市场-老孙?', '拉卡拉-市场-老孙', 'exact'],
    ['拉卡拉-市场-老孙\u2005', '拉卡拉-市场-老孙', 'exact'],
    ['＠杨彧-微众-', '杨彧-微众-支付产品经理-上海', 'prefix'],
    ['老孙-拉卡拉', '拉卡拉-市场-老孙', 'name'],
    ['Yongqiang???是我账户', 'Yongqiang', 'leading'],
    // The same company-role tail with a respelled name (nicknamesAlike), when no stricter step matched.
    ['杨域-微众-支付产品经理-上海', '杨彧-微众-支付产品经理-上海', 'alike'],
  ])('%s', (name, key, how) => {
    expect(resolveMention(name, roster)).toEqual({ key, how });
  });
  it('returns null when no speaker of the day matches or the match is ambiguous', () => {
    expect(resolveMention('all', roster)).toBeNull();
    expect(resolveMention('张三', roster)).toBeNull();
    expect(resolveMention('龚晓', roster)).toBeNull();
  });
});

describe('speakers of the bundled logs', () => {
  const dir = join(import.meta.dirname, '../../content/logs');
  const days = ['devarch/2017-12-19', 'devarch/2018-08-08'].map((f) => parseDay(readFileSync(join(dir, `${f}-chat.markdown`), 'utf8'), `${f}-chat.markdown`).day);
  const r = assignSpeakers(days);
  it('gives every message a speaker, unique ids, and counts that add up', () => {
    const all = r.days.flatMap((d) => d.messages);
    expect(all.every((m) => r.speakers.some((s) => s.id === m.speakerId))).toBe(true);
    expect(new Set(r.speakers.map((s) => s.id)).size).toBe(r.speakers.length);
    expect(r.speakers.reduce((n, s) => n + s.messageCount, 0)).toBe(all.length);
    for (const m of all) expect(m.mentionIds.length).toBe(m.mentions.length);
  });
  it('joins 李秀刚 and 李秀刚-厦门投融汇CTO (written twice by the exporter throughout 2017-12-19)', () => {
    expect(idOf(r, '李秀刚')).toBe(idOf(r, '李秀刚-厦门投融汇CTO'));
  });
  it('resolves most mentions of 2018-08-08 to a speaker of that day', () => {
    const d = r.days[1];
    const ms = d!.messages.flatMap((m) => m.mentionIds);
    const writers = new Set(d!.messages.map((m) => m.speakerId));
    expect(ms.length).toBeGreaterThan(10);
    expect(ms.filter(Boolean).length / ms.length).toBeGreaterThan(0.6);
    for (const id of ms) if (id) expect(writers.has(id)).toBe(true);
  });
});
