import { describe, expect, it } from 'vitest';
import { compileTagger, tagThread, type TopicModel } from '../../src/topics/evidence.ts';
import { firstTopicAgreement } from '../../src/eval/topics.ts';
import { sampleTopic } from '../../src/topics/coverage.ts';
import model from '../../src/topics/model.json' with { type: 'json' };
import type { Thread, Topic } from '../../src/model/types.ts';

const topics: Topic[] = [
  { slug: 'routing', name: '路由', description: '', terms: ['路由规则', '支付路由', '通道切换'] },
  { slug: 'acquiring', name: '收单', description: '', terms: ['pos', '收单'] },
  { slug: 'jobs', name: '招聘', description: '', terms: ['招聘'] },
];
const tagger = compileTagger(topics, [], model as TopicModel);
const thread = (texts: string[]) => ({ texts, speakers: texts.map((_, i) => `s${i % 3}`), lead: 0 });

describe('evidence-weighed topics', () => {
  it('tags a thread whose messages discuss routing, and names the deciding terms', () => {
    const r = tagThread(thread(['支付路由怎么设计？', '路由规则按费率和成功率', '通道切换要看成功率', '我们也按路由规则配置']), tagger);
    expect(r.topics[0]?.slug).toBe('routing');
    expect(r.evidence.routing).toContain('路由规则');
  });
  it('a passing mention in one of many messages of another subject does not outrank that subject', () => {
    const r = tagThread(thread(['招聘支付产品', '招聘地点上海', '招聘要求三年', '顺便说支付路由', '招聘邮箱在群公告', '招聘截止月底']), tagger);
    expect(r.topics[0]?.slug).toBe('jobs');
  });
  it('a glossary entry filed under a precise topic backs its terms but does not name it alone', () => {
    const glossary = [{ slug: 'zhifu-liushui', term: '支付流水号', aliases: [], topics: ['routing'], related: [], body: '', threadIds: [] }];
    const g = compileTagger(topics, glossary as never, model as TopicModel);
    expect(tagThread(thread(['提现失败要重试，支付流水号怎么生成？', '支付流水号按日期加序号', '重试时支付流水号不变']), g).topics.map((t) => t.slug)).not.toContain('routing');
    expect(tagThread(thread(['支付路由失败要切通道，支付流水号怎么生成？', '支付路由切换时支付流水号不变', '路由规则里记下支付流水号']), g).topics[0]?.slug).toBe('routing');
  });
  it('matches ASCII terms only as whole words: deposit is no POS', () => {
    expect(tagThread(thread(['deposit', 'deposit again', 'the deposit']), tagger).topics).toEqual([]);
    expect(tagThread(thread(['pos 机', '智能 pos 收单', 'pos']), tagger).topics[0]?.slug).toBe('acquiring');
  });
});

describe('first-topic agreement', () => {
  it('uses the predicted thread holding most of the gold thread and the social/chit-chat family', () => {
    const gold = [{ seqs: [1, 2, 3], topics: ['routing'] }, { seqs: [4, 5], topics: ['social'] }, { seqs: [6], topics: ['jobs'] }];
    const pred = [{ seqs: [1, 2], topics: ['acquiring', 'routing'] }, { seqs: [3, 4, 5], topics: [] }, { seqs: [6], topics: ['routing'] }];
    const r = firstTopicAgreement(gold, pred);
    expect(r.agreed).toBe(2);
    expect(r.total).toBe(3);
    expect(r.misses[0]?.gold).toEqual(['jobs']);
  });
});

describe('seeded sample', () => {
  it('draws the same threads for the same seed, only of the topic', () => {
    const ts = Array.from({ length: 50 }, (_, i) => ({ id: `g/d/t${i}`, topics: i % 2 ? ['routing'] : ['jobs'] }) as unknown as Thread);
    const a = sampleTopic(ts, 'routing', 10, 7).map((t) => t.id);
    expect(a).toEqual(sampleTopic(ts, 'routing', 10, 7).map((t) => t.id));
    expect(new Set(a).size).toBe(10);
    expect(a.every((id) => Number(id.split('t').pop()) % 2 === 1)).toBe(true);
  });
});

describe('specific evidence, minor mentions, broad topics', () => {
  const taxonomy: Topic[] = [
    { slug: 'reconciliation', name: '对账', description: '', terms: ['对账', '对账文件'] },
    { slug: 'industry', name: '行业', description: '', terms: ['行业', '银行'], broad: true },
  ];
  const m = { ...(model as TopicModel), idf: { 对账: 4.8, 对账文件: 7.4, 行业: 5, 银行: 4 } };
  const tg = compileTagger(taxonomy, [], m);
  it('a generic word alone (对账, two characters, common) does not name a precise topic unless many messages use it', () => {
    expect(tagThread(thread(['沙盒环境怎么搭？对账会受影响', '用docker就行', '测试数据要隔离']), tg).topics.map((s) => s.slug)).not.toContain('reconciliation');
    expect(tagThread(thread(['对账怎么做？', '对账按渠道', '对账每天跑批']), tg).topics[0]?.slug).toBe('reconciliation');
    expect(tagThread(thread(['对账文件的格式是什么？', '看渠道文档', '好的']), tg).topics[0]?.slug).toBe('reconciliation');
  });
  it("the thread's question naming a generic word names the topic; the same first message that asks nothing does not", () => {
    const texts = ['这种情况下怎么对账？', '看渠道给的文档吧', '好的，我去找找，谢谢'];
    expect(tagThread({ ...thread(texts), asked: true }, tg).topics[0]?.slug).toBe('reconciliation');
    expect(tagThread({ ...thread(texts), asked: false }, tg).topics.map((s) => s.slug)).not.toContain('reconciliation');
  });
  it('a minor mention (a sliver of a long thread\'s words) does not name a precise topic', () => {
    const long = Array.from({ length: 40 }, (_, i) => `第${i}条消息在讨论一个完全不同的问题，和前面说的事情没有关系`);
    long[5] = '对账文件';
    long[9] = '对账文件也一样';
    expect(tagThread(thread(long), tg).topics.map((s) => s.slug)).not.toContain('reconciliation');
  });
  it('a substantive thread takes a broad topic on its everyday words', () => {
    expect(tagThread(thread(['这个行业最近怎么样', '银行都在收紧', '行业洗牌了']), tg).topics[0]?.slug).toBe('industry');
  });
});

describe('the off-topic family', () => {
  // social and chit-chat are one family (content/topics.yaml): a thread carries at most one of them, so a second
  // does not take the slot of a payments topic.
  const taxonomy: Topic[] = [
    { slug: 'social', name: '社交', description: '', terms: ['恭喜', '欢迎'], broad: true },
    { slug: 'chit-chat', name: '闲聊', description: '', terms: ['哈哈', '红包'], broad: true },
    { slug: 'industry', name: '行业', description: '', terms: ['上市', '估值'], broad: true },
    { slug: 'jobs', name: '招聘', description: '', terms: ['招聘', '内推'], broad: true },
  ];
  const m = { ...(model as TopicModel), idf: { 恭喜: 5, 欢迎: 5, 哈哈: 4, 红包: 5, 上市: 7, 估值: 7, 招聘: 6, 内推: 7 } };
  const tg = compileTagger(taxonomy, [], m);
  it('keeps the more probable of social and chit-chat and gives the freed slot to the next topic', () => {
    const r = tagThread(thread(['恭喜恭喜，上市了', '哈哈哈，发红包', '哈哈 红包拿来', '欢迎欢迎，恭喜', '招聘吗？内推一下', '估值多少']), tg).topics.map((s) => s.slug);
    expect(r.filter((s) => s === 'social' || s === 'chit-chat')).toHaveLength(1);
    expect(r).toHaveLength(3);
    expect(r).toContain('industry');
    expect(r).toContain('jobs');
  });
});

describe('negative evidence', () => {
  it("a message naming one of a topic's unless words gives the topic nothing", () => {
    const taxonomy: Topic[] = [{ slug: 'ledgers', name: '账务', description: '', terms: ['会计科目', '会计'], unless: ['cpa'] }];
    const tg = compileTagger(taxonomy, [], model as TopicModel);
    expect(tagThread(thread(['会计要考CPA吗', 'CPA会计很难', 'CPA先考会计']), tg).topics).toEqual([]);
    expect(tagThread(thread(['会计科目怎么设', '会计科目按业务', '会计分录呢']), tg).topics[0]?.slug).toBe('ledgers');
  });
});

describe('context terms', () => {
  // 会计 and 凭证 are accounting vocabulary the archive also uses about study, finance jobs and other industries:
  // they back a ledgers thread that names a ledger system, never make one alone.
  const taxonomy: Topic[] = [{ slug: 'ledgers', name: '账务', description: '', terms: ['账务系统', '分录'], context: ['会计', '凭证'] }];
  const m = { ...(model as TopicModel), idf: { 账务系统: 6.2, 分录: 6.1, 会计: 4.8, 凭证: 6.3 } };
  const tg = compileTagger(taxonomy, [], m);
  it('context words alone, however many messages use them, do not name the topic', () => {
    expect(tagThread(thread(['会计工资多少', '会计转开发的人多吗', '会计要做凭证', '凭证每天都要审']), tg).topics).toEqual([]);
  });
  it('the same words beside a core term are evidence: the topic is tagged and they are named among its terms', () => {
    const r = tagThread(thread(['账务系统怎么出会计凭证？', '每笔交易生成分录，再汇总成凭证', '会计凭证按日汇总']), tg);
    expect(r.topics[0]?.slug).toBe('ledgers');
    expect(r.evidence.ledgers).toContain('凭证');
  });
  it('a core term in one message that is not the question is a passing mention, context words around it do not change that', () => {
    expect(tagThread(thread(['ERP 的库存怎么设计？', '手工模式由会计做凭证', '会计凭证过账', '相当于账务系统里资产变了', '库存按批次']), tg).topics.map((t) => t.slug)).not.toContain('ledgers');
  });
});

describe('named or discussed (round 13)', () => {
  // A precise topic named by one member in a message or two beside a stronger subject is a passing mention; a
  // second member taking its words up, or one member keeping to it (a talk), makes it a sub-discussion.
  const taxonomy: Topic[] = [
    { slug: 'reconciliation', name: '对账', description: '', terms: ['对账', '对账单', '对账文件'] },
    { slug: 'security', name: '安全', description: '', terms: ['数字证书', 'ukey', '加密机', '验签'] },
  ];
  const m = { ...(model as TopicModel), idf: { 对账: 4.8, 对账单: 7, 对账文件: 7.4, 数字证书: 8, ukey: 8.5, 加密机: 9, 验签: 8 } };
  const tg = compileTagger(taxonomy, [], m);
  const texts = ['银行的 B2B 网银怎么保证安全？', '用 ukey 和数字证书', '报文要验签，密钥放加密机', '对账文件也走这个通道下载', '数字证书每年续期', '对账单和对账文件一起下载', 'ukey 丢了要挂失'];
  const by = (speakers: string[]) => ({ texts, speakers, lead: 0 });
  it('one member naming 对账文件 twice in a talk about security does not tag reconciliation', () => {
    const speakers = ['a', 'b', 'c', 'b', 'c', 'b', 'c'];
    const r = tagThread(by(speakers), tg).topics.map((s) => s.slug);
    expect(r[0]).toBe('security');
    expect(r).not.toContain('reconciliation');
  });
  it('the same two messages from two members are a sub-discussion', () => {
    const speakers = ['a', 'b', 'c', 'b', 'c', 'd', 'c'];
    expect(tagThread(by(speakers), tg).topics.map((s) => s.slug)).toContain('reconciliation');
  });
  it("a word-for-word repeat under another member's name is not a second member (the exporter's duplicates)", () => {
    const dup = ['银行的 B2B 网银怎么保证安全？', '用 ukey 和数字证书', '报文要验签，密钥放加密机', '对账文件也走这个通道下载', '对账文件也走这个通道下载', '数字证书每年续期', 'ukey 丢了要挂失'];
    const speakers = ['a', 'b', 'c', 'b', 'd', 'c', 'c'];
    expect(tagThread({ texts: dup, speakers, lead: 0 }, tg).topics.map((s) => s.slug)).not.toContain('reconciliation');
  });
  it("one member's two messages still name the topic when it is the thread's most probable", () => {
    const r = tagThread({ texts: ['对账单下载为空怎么办？', '看看对账文件的日期', '好的'], speakers: ['a', 'b', 'b'], lead: 2 }, tg);
    expect(r.topics[0]?.slug).toBe('reconciliation');
  });
});
