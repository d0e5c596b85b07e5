import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cjkBigrams, findTerm, indexTokens, isCjkCode, latinTokens, latinWords, requiredTokens, tokenize } from '../../src/text/tokenize.ts';
import { tokensOf } from '../../src/threads/features.ts';
import { vectorTerms } from '../../src/search/understand.ts';

describe('tokenize', () => {
  it('covers 分录流水 with bigrams whatever the segmenter does', () => {
    const t = tokenize('分录流水');
    expect(t).toEqual(expect.arrayContaining(['分录', '录流', '流水']));
    // Segmenter words are there too (流水 at least), for TF-IDF users.
    expect(t.filter((x) => x === '流水').length).toBeGreaterThanOrEqual(2);
  });
  it('keeps a glossary term whole, and finds it inside a longer run (记分录流水)', () => {
    const t = tokenize('记分录流水', ['分录流水']);
    expect(t).toContain('分录流水');
    expect(t).toEqual(expect.arrayContaining(['记分', '分录', '录流', '流水']));
    expect(tokenize('记分录流水')).not.toContain('分录流水');
  });
  it('cuts 对账文件中的ERR文件 into bigrams and a lower-cased Latin word', () => {
    const t = tokenize('对账文件中的ERR文件');
    expect(t).toEqual(expect.arrayContaining(['对账', '账文', '文件', '件中', '中的', 'err']));
    // A bigram never spans a Latin word.
    expect(t).not.toContain('的e');
    expect(t).not.toContain('ERR');
  });
  it('gives 支付宝 its bigrams', () => {
    expect(tokenize('支付宝')).toEqual(expect.arrayContaining(['支付', '付宝']));
  });
  it('keeps T+0, D0 and maxwell whole, with pieces for T+0', () => {
    const t = tokenize('T+0结算和D0垫资，用maxwell同步');
    expect(t).toEqual(expect.arrayContaining(['t+0', 't', '0', 'd0', 'maxwell', '结算', '垫资', '同步']));
    expect(t).not.toContain('d');
  });
  it('handles mixed Latin and CJK without gluing them', () => {
    const t = tokenize('用canal监听MySQL binlog做对账v1.2');
    expect(t).toEqual(expect.arrayContaining(['canal', 'mysql', 'binlog', 'v1.2', '监听', '对账']));
    expect(t.some((x) => /[a-z][\u4e00-\u9fff]|[\u4e00-\u9fff][a-z]/.test(x))).toBe(false);
  });
  it('index tokens are unique and hold lone CJK characters for one-character queries', () => {
    const t = indexTokens('流水流水');
    expect(t.filter((x) => x === '流水').length).toBe(1);
    expect(t).toContain('流');
    expect(t).toContain('水流');
  });
  it('required tokens of a term are a subset of the index tokens of any text containing it', () => {
    for (const [term, text] of [['分录流水', '是先记录分录流水，还是'], ['err文件', '对账文件中的ERR文件'], ['t+0', '做T+0.5结算'], ['钱', '收钱吧']]) {
      const have = new Set(indexTokens(text!));
      expect(requiredTokens(term!).length).toBeGreaterThan(0);
      for (const tok of requiredTokens(term!)) expect(have.has(tok), `${term} in ${text}: ${tok}`).toBe(true);
    }
  });
  it('matches Latin terms at word boundaries only, CJK anywhere', () => {
    expect(findTerm('an error and err', 'err')).toEqual([13]);
    expect(findTerm('t+01 vs t+0', 't+0')).toEqual([8]);
    expect(findTerm('记分录流水', '分录流水')).toEqual([1]);
  });
});

describe('one tokenizer rule for the index, threads and the ask vectors', () => {
  const piece = fc.constantFrom('分录', '流水', '㐀', '豈', 't+0', 'T+1', 'v1.2.3', 'order_id', 'c++', 'é', '42', 'ab', ' ', '，', '-', '的');
  const text = fc.array(piece, { maxLength: 10 }).map((a) => a.join(''));

  it('threads read the CJK bigrams the index stores (isCjkCode is the characters cjkBigrams pairs)', () => {
    fc.assert(fc.property(text, (t) => {
      const lower = t.toLowerCase();
      const pairs: string[] = [];
      for (let i = 1; i < lower.length; i++) if (isCjkCode(lower.charCodeAt(i - 1)) && isCjkCode(lower.charCodeAt(i))) pairs.push(lower.slice(i - 1, i + 1));
      expect(pairs).toEqual(cjkBigrams(lower));
    }));
  });

  it('threads, the ask vectors and the index keep the same Latin words whole', () => {
    fc.assert(fc.property(text, (t) => {
      const lower = t.toLowerCase();
      const words = latinWords(lower);
      // The index holds every whole word; threads and the vectors hold a subset of them, never a word of their own.
      expect(latinTokens(lower)).toEqual(expect.arrayContaining(words));
      for (const w of tokensOf(t, []).filter((x) => /^[a-z0-9\u00c0-\u024f]/.test(x))) expect(words).toContain(w);
      for (const w of vectorTerms(t).filter((x) => /^[a-z0-9\u00c0-\u024f]/.test(x))) expect(words).toContain(w);
    }));
    expect(latinWords('t+0 到账, v1.2.3 和 order_id')).toEqual(['t+0', 'v1.2.3', 'order_id']);
  });
});
