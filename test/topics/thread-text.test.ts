import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/ingest/parse.ts';
import { threadText } from '../../src/topics/thread-text.ts';
import { compileTagger, tagThread, type TopicModel } from '../../src/topics/evidence.ts';
import model from '../../src/topics/model.json' with { type: 'json' };
import type { Topic } from '../../src/model/types.ts';

// Members' names carry their company and role (张杨-航天电子-研发-北京, 聚合支付_程昱): a name in an @mention or a
// link's path is not what the message is about, so the topic scorer reads Message.plain.
const log = ['---', 'title: "2018-08-08-WeChat"', '---',
  '> 09:13:08  张三', '', '@聚合支付_程昱 辛苦了，资料收到', '',
  '> 09:14:00  李四', '', '看这里 https://example.com/pos/qrcode 讲得不错', '',
  '> 09:20:30  王五', '', '聚合支付的收单怎么做', ''].join('\n');
const topics: Topic[] = [{ slug: 'acquiring', name: '收单', description: '', terms: ['聚合支付', 'pos', '收单'] }];

describe('the text topics read', () => {
  const day = parseDay(log, 'devarch/2018-08-08-chat.markdown').day;
  it('leaves out the names in mentions and the links, and keeps the times', () => {
    const t = threadText(day, [1, 2, 3], 3);
    expect(t.texts[0]).not.toContain('聚合支付');
    expect(t.texts[0]).toContain('资料收到');
    expect(t.texts[1]).not.toContain('pos');
    expect(t.lead).toBe(2);
    expect(t.seconds).toEqual([9 * 3600 + 13 * 60 + 8, 9 * 3600 + 14 * 60, 9 * 3600 + 20 * 60 + 30]);
  });
  it('so a mention of a member named after a topic gives that topic no evidence', () => {
    const tagger = compileTagger(topics, [], model as TopicModel);
    expect(tagThread(threadText(day, [1, 2], null), tagger).topics).toEqual([]);
    expect(tagThread(threadText(day, [3], 3), tagger).topics[0]?.slug).toBe('acquiring');
  });
});
