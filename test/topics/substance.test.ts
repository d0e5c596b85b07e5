import { describe, expect, it } from 'vitest';
import { contentChars } from '../../src/text/substance.ts';
import { isSubstantive } from '../../src/topics/substance.ts';
import { nearestTopics } from '../../src/topics/nearest.ts';

describe('substance', () => {
  it('counts words, not stickers, mentions or links', () => {
    expect(contentChars('[强][强][捂脸]')).toBe(0);
    expect(contentChars('@老熊-北京 https://a.example/x 好')).toBe(1);
    expect(contentChars('银行的手伸得好长')).toBe(8);
  });
  it('a thread of likes and one-word replies is chit-chat; two messages that say something make it substantive', () => {
    expect(isSubstantive(['板凳坐好', '[强][强]', '[强]', '期待'])).toBe(false);
    expect(isSubstantive(['银行的手伸得好长了', '银行的手伸得好长了', '[强]'])).toBe(false);
    expect(isSubstantive(['银行的手伸得好长了', '这本来就应该是银行做的', '[强]'])).toBe(true);
    expect(isSubstantive(['银行的手伸得好长了', '这本来就应该是银行做的'])).toBe(false);
  });
});

describe('nearest broad topic', () => {
  const tagged = (topics: string[], texts: string[]) => ({ topics, texts });
  it('gives an untagged substantive thread the broad topic whose threads it reads like, never a precise one', () => {
    const docs = [
      tagged(['industry'], ['银行理财新规出台', '理财子公司要成立了']),
      tagged(['industry'], ['理财新规对银行冲击大', '银行理财规模下降']),
      tagged(['chit-chat'], ['周末去爬山吗', '爬山太累了，去吃火锅']),
      tagged(['chit-chat'], ['火锅还是烧烤', '周末吃火锅']),
      tagged(['reconciliation'], ['银行理财对账怎么做', '理财对账按日']),
      tagged([], ['银行理财新规怎么看', '理财子公司影响很大', '[强]']),
      tagged([], ['今晚吃火锅去不去', '周末火锅走起，一起去吧', '好']),
      tagged([], ['[强]', '[强]', '赞']),
    ];
    const r = nearestTopics(docs, new Set(['industry', 'chit-chat']));
    expect(r[5]?.slug).toBe('industry');
    expect(r[6]?.slug).toBe('chit-chat');
    expect(r[7]).toBeNull();
    expect(r.slice(0, 5).every((x) => x === null)).toBe(true);
    expect(r[5]?.evidence.length).toBeGreaterThan(0);
  });
});
