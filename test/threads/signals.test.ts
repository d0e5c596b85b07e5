// Each disentanglement signal on a small hand-made stream.
import { describe, expect, it } from 'vitest';
import { disentangle } from '../../src/threads/disentangle.ts';
import { announcedStart } from '../../src/threads/talk.ts';
import { makeDay, threadOf } from '../helpers/day.ts';

const run = (specs: Parameters<typeof makeDay>[0], terms: string[] = []) => disentangle(makeDay(specs), { terms });

describe('disentangle signals', () => {
  it('@mention pulls a reply into the mentioned speaker’s thread', () => {
    const t = run([
      { time: '10:00:00', who: 'A', text: '请问大家对账文件一般几点下载？' },
      { time: '10:01:00', who: 'B', text: '我们是早上八点拉取对账文件' },
      { time: '10:02:00', who: 'C', text: '请问有没有人用过canal同步binlog？' },
      { time: '10:02:30', who: 'D', text: '用过，还可以' },
      { time: '10:03:00', who: 'A', text: '@B 好的 明白', mentions: ['B'] },
    ]);
    expect(threadOf(t, 5)).toContain(2);
    expect(threadOf(t, 5)).not.toContain(3);
  });

  it('the same speaker continuing stays in their thread', () => {
    const t = run([
      { time: '10:00:00', who: 'A', text: '各位好，请教个问题' },
      { time: '10:00:20', who: 'A', text: '对账文件中的ERR文件作用是什么' },
    ]);
    expect(t).toEqual([[1, 2]]);
  });

  it('a reply to a recent question joins it', () => {
    const t = run([
      { time: '17:09:05', who: 'A', text: '请问下快捷支付的三要素支付，安全性怎么样？' },
      { time: '17:10:59', who: 'B', text: '和裸奔没啥区别吧' },
    ]);
    expect(t).toEqual([[1, 2]]);
  });

  it('shared terms decide between two live threads', () => {
    const t = run([
      { time: '10:00:00', who: 'A', text: '请问大家分录流水和账户流水怎么核对？' },
      { time: '10:00:30', who: 'B', text: '请问有没有人做过通道路由规则配置？' },
      { time: '10:01:00', who: 'C', text: '分录流水日终和账户流水按科目汇总核对' },
      { time: '10:01:30', who: 'D', text: '路由规则按商户和产品配置就行' },
    ], ['分录流水', '路由规则']);
    expect(threadOf(t, 3)).toContain(1);
    expect(threadOf(t, 4)).toContain(2);
  });

  it('a long silence starts a new thread', () => {
    const t = run([
      { time: '09:00:00', who: 'A', text: '今天天气不错' },
      { time: '09:00:30', who: 'B', text: '是啊适合出去走走' },
      { time: '13:00:00', who: 'B', text: '下午的会议改到三点' },
    ]);
    expect(t).toEqual([[1, 2], [3]]);
  });

  it('an opener question during a discussion starts its own thread', () => {
    const t = run([
      { time: '14:00:00', who: 'A', text: '商户接入的业务支持哪些支付机构' },
      { time: '14:00:30', who: 'B', text: '不同的支付机构有不同的产品接口' },
      { time: '14:01:00', who: 'C', text: '我在便利店被扫支付，信用卡扣款失败后自动扣了借记卡，大家做的都有类似功能吗？' },
    ]);
    expect(threadOf(t, 3)).toEqual([3]);
  });

  it('a quoted reply follows the quoted message', () => {
    const t = run([
      { time: '10:00:00', who: 'A', text: '请问大家备付金集中存管以后利息怎么算？' },
      { time: '10:00:40', who: 'B', text: '请问有没有人知道银联全渠道快捷还能接吗？' },
      { time: '10:01:00', who: 'C', text: '没有利息了', quote: { author: 'A', text: '请问大家备付金集中存管以后利息怎么算？' } },
    ]);
    expect(threadOf(t, 3)).toContain(1);
  });

  it('duplicates and echoed lines follow their original', () => {
    const t = run([
      { time: '23:00:00', who: 'A', text: '郑重声明，本人未参与群内讨论，特此声明' },
      { time: '23:00:30', who: 'B', text: '请问有没有人知道明天几点开会？' },
      { time: '23:01:00', who: 'A', text: '郑重声明，本人未参与群内讨论，特此声明', duplicateOf: 1 },
      { time: '23:01:10', who: 'C', text: '郑重声明，本人未参与群内讨论，特此声明' },
    ]);
    expect(threadOf(t, 3)).toContain(1);
    expect(threadOf(t, 4)).toContain(1);
    expect(threadOf(t, 2)).not.toContain(1);
  });

  it('a late "补充一下" rejoins its thread from hours before', () => {
    const t = run([
      { time: '18:00:00', who: 'A', text: '请教一下，先记分录流水还是先改余额？' },
      { time: '18:01:00', who: 'B', text: '先流水后余额，流水是修改余额的依据' },
      { time: '18:02:00', who: 'A', text: '分录流水是给会计系统用的吧' },
      { time: '20:00:00', who: 'C', text: '请问大家有没有做过精准营销？' },
      { time: '20:01:00', who: 'D', text: '精准营销就是看数据' },
      { time: '22:05:00', who: 'B', text: '刚回来，补充一下：流水是因，余额是果，会计分录由凭证决定' },
    ], ['分录流水', '余额', '会计']);
    expect(threadOf(t, 6)).toContain(1);
  });

  it('a guest talk is one thread: announcement, roll call, the guest’s run, questions, thanks', () => {
    const t = run([
      { time: '19:00:00', who: 'Host', text: '今天请到一位嘉宾，@Guest 给大家做分享，主题是“睡眠管理”，开始时间为【19:30】', mentions: ['Guest'] },
      { time: '19:00:10', who: 'L1', text: '签到' },
      { time: '19:01:00', who: 'X', text: '请问大家分户账是指什么？' },
      { time: '19:02:00', who: 'Y', text: '分户账就是按账户记的明细账' },
      { time: '19:30:00', who: 'Guest', text: '大家好，今天和大家分享的内容是睡眠管理' },
      { time: '19:31:00', who: 'L2', text: '是自己睡么' },
      { time: '19:32:00', who: 'Guest', text: '睡眠周期大约九十分钟，一个晚上五个周期比较理想' },
      { time: '19:40:00', who: 'L3', text: '@Guest 晚上睡不着怎么办？', mentions: ['Guest'] },
      { time: '19:50:00', who: 'Guest', text: '感谢大家耐心看完分享，谢谢' },
      { time: '19:51:00', who: 'L4', text: '受教了' },
    ]);
    const talk = threadOf(t, 1);
    for (const s of [2, 5, 6, 7, 8, 9, 10]) expect(talk).toContain(s);
    expect(talk).not.toContain(3);
    expect(threadOf(t, 4)).toContain(3);
  });


  it('a talk announced hours ahead: its reminder joins it, it waits for the named start, a guest not @-ed is known by opening the talk', () => {
    const t = run([
      { time: '19:00:00', who: 'Host', text: '今天请到一位朋友，广州老王给大家做分享，主题是“母婴电商”，开始时间为【21:30】' },
      { time: '19:00:30', who: 'L1', text: '签到' },
      { time: '19:05:00', who: 'Host', text: '敲黑板了，今天嘉宾分享时间为 21:30，敬请期待！' },
      { time: '20:00:00', who: 'X', text: '请问大家分户账是指什么？' },
      { time: '20:01:00', who: 'Y', text: '分户账就是按账户记的明细账' },
      { time: '21:30:00', who: 'Wang', text: '大家好，今天我和大家分享一些母婴电商行业的知识和经历' },
      { time: '21:32:00', who: 'Wang', text: '母婴电商以内容为主导，变现靠社群' },
      { time: '21:33:00', who: 'L2', text: '[强]' },
      { time: '21:40:00', who: 'Wang', text: '感谢大家耐心看完分享，谢谢' },
    ]);
    const talk = threadOf(t, 1);
    for (const s of [2, 3, 6, 7, 8, 9]) expect(talk).toContain(s);
    expect(talk).not.toContain(4);
  });

  it('an announcement names its start time; a time already past or absent names none', () => {
    expect(announcedStart('开始时间为【21:30】', 19 * 3600)).toBe(21.5 * 3600);
    expect(announcedStart('今晚8点半开始分享', 19 * 3600)).toBe(20.5 * 3600);
    expect(announcedStart('开始时间为【18:30】', 19 * 3600)).toBeNull();
    expect(announcedStart('今天请到一位朋友给大家做分享', 19 * 3600)).toBeNull();
  });

  // Which threads a message is scored against (the trace's scores; the last one is "a new thread").
  const candidates = (specs: Parameters<typeof makeDay>[0], seq: number, terms: string[] = []) => {
    let n = -1;
    disentangle(makeDay(specs), { terms, trace: (s, scores) => { if (s === seq) n = scores.length - 1; } });
    return n;
  };

  it('thanks for a 分享 keep the finished talk a candidate long after its tail; other thanks do not', () => {
    const talk = [
      { time: '19:00:00', who: 'Host', text: '今天请到一位嘉宾，@Guest 给大家做分享，主题是“睡眠管理”，开始时间为【19:30】', mentions: ['Guest'] },
      { time: '19:30:00', who: 'Guest', text: '大家好，今天和大家分享的内容是睡眠管理' },
      { time: '19:32:00', who: 'Guest', text: '睡眠周期大约九十分钟，一个晚上五个周期比较理想' },
      { time: '19:50:00', who: 'Guest', text: '感谢大家耐心看完分享，谢谢' },
      { time: '19:51:00', who: 'L4', text: '受教了' },
      { time: '21:30:00', who: 'X', text: '有没有人用过canal同步binlog？' },
    ];
    // The talk has been idle for two hours (beyond the 90-minute window); the canal question is live.
    expect(candidates([...talk, { time: '21:50:00', who: 'L5', text: '感谢王总的精彩分享' }], 7)).toBe(2);
    expect(candidates([...talk, { time: '21:50:00', who: 'L5', text: '好的，谢谢' }], 7)).toBe(1);
  });

  it('a question nobody answered stays a candidate for hours; an answered one does not', () => {
    const asked = { time: '10:00:00', who: 'A', text: '请问分账系统一般怎么对接银行的清分接口？' };
    const late = { time: '13:30:00', who: 'B', text: '分账系统对接清分接口，一般银行给一个清分文件' };
    expect(candidates([asked, late], 2)).toBe(1);
    expect(candidates([asked, { time: '10:05:00', who: 'D', text: '一般银行会给清分文件' }, late], 3)).toBe(0);
  });
});
