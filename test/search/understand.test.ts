// Query understanding: what a question is reduced to, on the real glossary (content/glossary).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/node/load.ts';
import { normalizeWidth, understand, vectorTerms, type LexiconTerm } from '../../src/search/understand.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

let lexicon: LexiconTerm[];
beforeAll(() => {
  lexicon = loadArchive(fixtureContentDir()).terms.map((t) => ({ slug: t.slug, term: t.term, aliases: t.aliases, related: t.related }));
});
const texts = (q: string) => understand(q, lexicon).terms.map((t) => t.text);

describe('understand', () => {
  it('normalizes full-width and zero-width characters', () => {
    expect(normalizeWidth('ＡＰＩ\u200b接口？Ｔ＋０')).toBe('API接口?T+0');
    expect(texts('ＡＰＩ')).toEqual(['api']);
    expect(understand('分录\u200d流水', lexicon).terms[0]).toMatchObject({ text: '分录流水', kind: 'glossary' });
  });
  it('drops question words and particles, keeps the content', () => {
    const u = understand('怎么防止重复扣款', lexicon);
    expect(u.question).toBe(true);
    expect(u.dropped).toContain('怎么');
    expect(u.terms.map((t) => t.text)).toEqual(['防止', '重复扣款']);
    const sleep = understand('每晚一定要睡满8小时吗', lexicon);
    expect(sleep.question).toBe(true);
    expect(sleep.dropped).toEqual(expect.arrayContaining(['吗']));
    expect(sleep.terms.map((t) => t.text)).toEqual(expect.arrayContaining(['睡满', '小时']));
    expect(sleep.terms.map((t) => t.text)).not.toContain('一定');
  });
  it('keeps glossary terms whole and glues the characters the segmenter left alone', () => {
    // Intl.Segmenter cuts 扣款 into 扣|款 and 做账 into 做|账.
    expect(texts('滴滴给司机结算怎么做账')).toEqual(expect.arrayContaining(['司机', '结算', '做账']));
    expect(texts('先记分录流水还是先改余额')).toEqual(expect.arrayContaining(['分录流水', '余额']));
    expect(understand('灰度发布按商户还是按用户', lexicon).terms[0]).toMatchObject({ text: '灰度发布', kind: 'glossary', slug: 'huidu' });
  });
  it('a plain term is not a question', () => {
    for (const q of ['分录流水', '对账', 'T+0', '余额', '支付宝']) expect(understand(q, lexicon).question, q).toBe(false);
    for (const q of ['有没有开源的四方平台', '聚合支付需要牌照吗', '收钱吧靠什么赚钱？']) expect(understand(q, lexicon).question, q).toBe(true);
  });
  it('expands a named term to its aliases, and more weakly to related terms', () => {
    const u = understand('四方系统', lexicon);
    expect(u.named).toEqual(['sifang-xitong']);
    const aliases = u.expansions.filter((e) => e.slug === 'sifang-xitong').map((e) => e.text);
    expect(aliases).toEqual(['四方平台', '第四方', '四方']);
    const related = u.expansions.filter((e) => e.slug !== 'sifang-xitong');
    expect(related.map((e) => e.text)).toEqual(expect.arrayContaining(['聚合支付', '二清']));
    expect(Math.max(...related.map((e) => e.weight))).toBeLessThan(Math.min(...u.expansions.filter((e) => e.slug === 'sifang-xitong').map((e) => e.weight)));
    // From an alias to the term and its other aliases.
    expect(understand('四方怎么理解', lexicon).expansions.map((e) => e.text)).toEqual(expect.arrayContaining(['四方系统', '第四方']));
  });
  it('vector terms: glossary strings whole, bigrams without particles, the same rule for queries and messages', () => {
    expect(vectorTerms('重复扣款的风险', lexicon)).toEqual(['重复扣款', '风险']);
    expect(vectorTerms('对账', lexicon)).toEqual(['对账']);
    expect(vectorTerms('防止重复', lexicon)).toEqual(['防止', '止重', '重复']);
  });
});
