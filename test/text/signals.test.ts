// The one set of signal words (src/text/signals.ts) as threads, Q&A and query understanding read it.
import { describe, expect, it } from 'vitest';
import { ASK_WORDS, asks, asksToAsk, isAck, isQuestion } from '../../src/text/signals.ts';
import { understand } from '../../src/search/understand.ts';
import { findQA } from '../../src/qa/qa.ts';
import { makeDay } from '../helpers/day.ts';

describe('signals', () => {
  it('questions in Chinese, with and without a question mark; statements and rhetorical questions are not', () => {
    for (const q of ['对账文件一般几点下载', '有没有人用过canal', '这个能否支持退款', '你们那边是T+1吗', '银联清算也是工作日呢', '求推荐一个风控系统']) expect(isQuestion(q), q).toBe(true);
    for (const s of ['这个没什么问题', '不知道为什么就好了', '难道不是这样吗', '不就是一个对账文件嘛', '哪怕多花点钱也行', '已经上线了']) expect(isQuestion(s), s).toBe(false);
  });
  it('short asks count for the splitter, not for the question list', () => {
    expect(asks('为啥？')).toBe(true);
    expect(isQuestion('为啥？')).toBe(false);
  });
  it('acknowledgements are whole messages that only react', () => {
    for (const a of ['签到', '收到！', '谢谢大家', '哈哈哈', '666', '好的~', 'OK', '已改', '……']) expect(isAck(a), a).toBe(true);
    for (const a of ['谢谢，我们是T+1结算', '好的我去问问银行', '签到成功了吗']) expect(isAck(a), a).toBe(false);
  });
  it('"请教个问题" announces a question still to come', () => {
    expect(asksToAsk('各位，请教个问题')).toBe(true);
    expect(asksToAsk('请教个问题，ERR文件是做什么的')).toBe(false);
  });
  it('query understanding drops the same ask words the Q&A reads', () => {
    for (const w of ['求推荐', '有没有', '能否', '请教']) {
      const u = understand(`${w}对账系统`, []);
      expect(u.question, w).toBe(true);
      expect(u.terms.map((t) => t.text).join(''), w).not.toContain(w);
    }
    expect(ASK_WORDS).toContain('求推荐');
  });
  it('Q&A finds a question the signal words know without a question mark', () => {
    const day = makeDay([
      { time: '10:00:00', who: 'A', text: '求推荐一个好用的对账系统' },
      { time: '10:01:00', who: 'B', text: '我们用的是自研的，按渠道拉文件逐笔核对' },
    ]);
    expect(findQA(day, [1, 2]).questionSeq).toBe(1);
  });
});

describe('lost emoji', () => {
  it('"??" (an emoji the exporter could not write) is not a question mark; "?" and "？" are', () => {
    expect(isQuestion('恭喜老熊！您这得准备大红包了??')).toBe(false);
    expect(isQuestion('不能独宠一群??')).toBe(false);
    expect(isQuestion('这个是T+1结算?')).toBe(true);
    expect(isQuestion('这个是T+1结算？')).toBe(true);
  });
});
