import { describe, expect, it } from 'vitest';
import { findQA, threadTitle } from '../../src/qa/qa.ts';
import { makeDay } from '../helpers/day.ts';

describe('findQA', () => {
  it('finds the real question after "请教个问题" and only substantive answers', () => {
    const day = makeDay([
      { time: '10:00:00', who: 'A', text: '各位好，请教个问题' },
      { time: '10:00:10', who: 'A', text: '对账文件中的ERR文件，作用是什么' },
      { time: '10:01:00', who: 'B', text: '签到' },
      { time: '10:01:10', who: 'C', text: '[强]' },
      { time: '10:02:00', who: 'D', text: 'ERR文件记录的是对账不平的差错交易' },
      { time: '10:02:30', who: 'E', text: '啥叫ERR文件?' },
      { time: '10:03:00', who: 'A', text: '谢谢' },
    ]);
    const qa = findQA(day, [1, 2, 3, 4, 5, 6, 7]);
    expect(qa.questionSeq).toBe(2);
    expect(qa.answerSeqs).toEqual([5]);
    expect(threadTitle(day, [1, 2, 3, 4, 5, 6, 7], qa)).toBe('对账文件中的ERR文件，作用是什么');
  });

  it('knows an unanswered question', () => {
    const day = makeDay([
      { time: '18:56:16', who: 'A', text: '问一下各支付公司的朋友，你们都接银联全渠道快捷了吗' },
      { time: '18:56:20', who: 'A', text: '现在还能接吗' },
    ]);
    const qa = findQA(day, [1, 2]);
    expect(qa.questionSeq).toBe(1);
    expect(qa.answerSeqs).toEqual([]);
  });

  it('gives threads that do not open with a question no question, and a title from their own text', () => {
    const day = makeDay([
      { time: '21:05:33', who: 'A', text: '这个才是精准营销' },
      { time: '21:09:25', who: 'B', text: '精准营销，实际上就是看谁的数据多' },
    ]);
    const qa = findQA(day, [1, 2]);
    expect(qa.questionSeq).toBeNull();
    expect(threadTitle(day, [1, 2], qa)).toBe('这个才是精准营销');
  });

  it('cuts long titles at a clause boundary, from the question’s own words', () => {
    const text = '各位大神，请教个账务相关的问题，一笔业务发生后，是先记录分录流水，还是先修改账户余额，异步生成分录流水？';
    const day = makeDay([{ time: '18:20:56', who: 'A', text }]);
    const title = threadTitle(day, [1], findQA(day, [1]));
    expect(title.length).toBeLessThanOrEqual(41);
    expect(text).toContain(title.replace(/…$/, ''));
  });

  it('titles a thread with nothing to quote by what it holds and who posted it, never with an empty string', () => {
    const day = makeDay([
      { time: '09:21:43', who: '北京一张泽雄', text: '', kind: 'image' },
      { time: '09:22:00', who: 'B', text: '' },
    ]);
    day.messages[0]!.images = [{ url: 'http://static.cocolian.cn/img/201808/20180808_092143.png', alt: '2018-08-08 09:21:43', safe: true }];
    expect(threadTitle(day, [1, 2], findQA(day, [1, 2]))).toBe('[图片] 北京一张泽雄');
    const empty = makeDay([{ time: '12:43:58', who: '', text: '' }]);
    expect(threadTitle(empty, [1], findQA(empty, [1]))).toBe('[空消息] 匿名');
  });
});
