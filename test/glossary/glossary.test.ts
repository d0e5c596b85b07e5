// The curated glossary, definition mining, concordance and term discovery, on the bundled content.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { buildArchive, indexArchive } from '../../src/pipeline/archive.ts';
import { compileTermWords, linkTerms, parseGlossaryEntry, termSpansWith, termWords } from '../../src/glossary/glossary.ts';
import { asksAbout, findDefinitions, inReadingOrder, spamLikeness, SPAM_LIKE } from '../../src/glossary/definitions.ts';
import { concordance, cooccurringTerms, occurrencesByMonth } from '../../src/glossary/concordance.ts';
import { discoverTerms } from '../../src/glossary/term-discovery.ts';
import { glossaryCandidates } from '../../src/glossary/term-candidates.ts';
import { readContent } from '../../src/node/load.ts';
import type { Day, Message, Term } from '../../src/model/types.ts';
import { nameMatcher, parseInline } from '../../src/text/segments.ts';
import { mentionIdsOf } from '../helpers/day.ts';
import { plainOf } from '../../src/text/reading.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const ROOT = join(import.meta.dirname, '../..');
const input = readContent(fixtureContentDir());
const archive = buildArchive(input);
const idx = indexArchive(archive);
const entries = input.glossary.map((g) => parseGlossaryEntry(g.file, g.source));
const term = (slug: string) => archive.terms.find((t) => t.slug === slug)!;

describe('curated glossary (content/glossary)', () => {
  it('has every term the issue asks for', () => {
    const all = entries.flatMap((e) => [e.term.term, ...e.term.aliases]);
    for (const w of ['分录流水', '交易流水', '账户流水', '分户账', '账务明细', '会计科目', '内部账户', '外部账户', '四方系统', '路由规则', '轮询扣款', '重复扣款', '代扣', '快捷支付三要素', '网联', '对账文件', '备付金', '二清', '垫资', 'canal', 'otter', 'maxwell', 'R90', '睡眠周期']) {
      expect(all, w).toContain(w);
    }
    expect(entries.length).toBeGreaterThanOrEqual(25);
  });

  it('cites sources that exist and contain the term or an alias', () => {
    for (const e of entries) {
      expect(e.sources.length, e.term.slug).toBeGreaterThan(0);
      for (const id of e.sources) {
        const m = idx.message.get(id);
        expect(m, `${e.term.slug}: ${id}`).toBeDefined();
        expect(termWords(e.term).some((w) => m!.text.toLowerCase().includes(w.toLowerCase())), `${e.term.slug}: ${id} lacks the term`).toBe(true);
      }
    }
  });

  it('uses known topic slugs and related slugs, and has a definition body', () => {
    const topics = new Set((yaml.load(readFileSync(join(ROOT, 'content/topics.yaml'), 'utf8')) as { slug: string }[]).map((t) => t.slug));
    const slugs = new Set(entries.map((e) => e.term.slug));
    for (const e of entries) {
      for (const t of e.term.topics) expect(topics.has(t), `${e.term.slug}: topic ${t}`).toBe(true);
      for (const r of e.term.related) expect(slugs.has(r), `${e.term.slug}: related ${r}`).toBe(true);
      expect(e.term.body.length, e.term.slug).toBeGreaterThan(20);
      // Message links in the body point at existing messages.
      for (const [, day, seq] of e.term.body.matchAll(/\]\(\/([a-z]+\/\d{4}-\d\d-\d\d)\/#m(\d+)\)/g)) {
        expect(idx.message.has(`${day}/${seq}`), `${e.term.slug}: ${day}/${seq}`).toBe(true);
      }
    }
  });

  it('splits a pair term like 内部账户/外部账户 into matchable aliases', () => {
    const t = term('neibu-waibu-zhanghu');
    expect(termWords(t)).toEqual(expect.arrayContaining(['内部账户', '外部账户']));
    expect(termWords(t)).not.toContain('内部账户/外部账户');
  });
});

describe('termSpansWith and linkTerms', () => {
  const terms = [mk('a', '分录流水'), mk('b', '流水'), mk('c', 'canal')];
  it('prefers the longest match and never overlaps', () => {
    expect(termSpansWith('先记分录流水再记流水', compileTermWords(terms))).toEqual([
      { start: 2, end: 6, slug: 'a' },
      { start: 8, end: 10, slug: 'b' },
    ]);
  });
  it('does not match a Latin term inside a longer word', () => {
    expect(termSpansWith('canals and Canal', compileTermWords(terms))).toEqual([{ start: 11, end: 16, slug: 'c' }]);
  });
  it('links 分录流水 to the 2018-08-08 ledger discussion', () => {
    const t = term('fenlu-liushui');
    expect(t.threadIds.some((id) => id.startsWith('devarch/2018-08-08/'))).toBe(true);
    const copy = archive.terms.map((x) => ({ ...x, threadIds: ['stale'] }));
    linkTerms(copy, archive.threads, archive.days);
    expect(copy.find((x) => x.slug === 'fenlu-liushui')!.threadIds).toEqual(t.threadIds);
  });
});

describe('definitions found in the chat', () => {
  const vocabulary = archive.terms.flatMap(termWords);
  it('ranks the colon definition of 分录流水 first, with speaker and date', () => {
    const defs = findDefinitions(term('fenlu-liushui'), archive.days, { vocabulary });
    expect(defs[0]!.messageId).toBe('devarch/2018-08-08/155');
    expect(defs[0]!.pattern).toBe('colon');
    expect(defs[0]!.speaker).toContain('蓝蝶');
    expect(defs[0]!.snippet).toBe('分录流水：每个交易类型对应的会计分录的流水'); // stops where 交易流水： starts
    expect(defs.map((d) => d.messageId)).toContain('devarch/2018-08-08/172'); // 分录流水用来给总账报表用的
    expect(defs.map((d) => d.messageId)).not.toContain('devarch/2018-08-08/152'); // 啥叫分录流水 is the question
  });

  it('finds 账户流水 and 交易流水 in the same list message', () => {
    expect(findDefinitions(term('zhanghu-liushui'), archive.days, { vocabulary })[0]!.snippet).toBe('账户流水： 账户的余额变化流水记录');
    expect(findDefinitions(term('jiaoyi-liushui'), archive.days, { vocabulary })[0]!.snippet).toContain('指的是每个交易类型的每笔交易流水');
  });

  it('recognises each pattern and answers to 啥叫X / X是什么', () => {
    const t = mk('x', '二清');
    const day = fakeDay([
      ['甲', '啥叫二清？'],
      ['乙', '@甲 就是平台先把钱收到自己账上再分给商户'],
      ['丙', '所谓二清，是指二次清算'],
      ['丁', '二清指的是无证机构清分资金'],
      ['戊', '有个二清的问题想问'],
      ['己', '这个算不算二清是什么情况'],
    ]);
    const defs = findDefinitions(t, [day]);
    const by = new Map(defs.map((d) => [d.speaker, d]));
    expect(by.get('乙')?.pattern).toBe('answer');
    expect(by.get('乙')?.answers).toBe('g/2020-01-01/1');
    expect(by.get('丙')?.pattern).toBe('so-called');
    expect(by.get('丁')?.pattern).toBe('refers-to');
    expect(by.has('甲')).toBe(false);
    expect(by.has('戊')).toBe(false);
    expect(by.has('己')).toBe(false);
    expect(asksAbout('分录流水是什么', ['分录流水'])).toBe(true);
    expect(asksAbout('分录流水是先记的', ['分录流水'])).toBe(false);
  });
});

describe('spam-like definitions', () => {
  const words = ['分录流水'];
  it('scores a link or an advertisement as the substance, not an explanation with a link beside it', () => {
    expect(spamLikeness('分录流水：就是把钱转到 http://pay.example.com/abc?ref=1', words)).toBeGreaterThanOrEqual(SPAM_LIKE);
    expect(spamLikeness('分录流水就是 www.example.cn', words)).toBeGreaterThanOrEqual(SPAM_LIKE);
    expect(spamLikeness('分录流水对接找我，加微信 abc123，费率低至千二，秒到', words)).toBeGreaterThanOrEqual(SPAM_LIKE);
    expect(spamLikeness('分录流水：每个交易类型对应的会计分录的流水', words)).toBe(0);
    expect(spamLikeness('分录流水是按借贷记的会计流水，给总账报表用，详见 https://example.org/ledger', words)).toBeLessThan(SPAM_LIKE);
  });

  it('ranks spam-like candidates below every real explanation, and lists the chosen ones in time order', () => {
    const t = mk('x', '分录流水');
    const day = fakeDay([
      ['甲', '分录流水：就是把钱转到 http://pay.example.com/abc'],
      ['乙', '分录流水就是会计分录的流水，借贷平衡'],
      ['丙', '分录流水：加微信 abc123 了解详情，代理费率低'],
      ['丁', '分录流水是给总账报表用的'],
    ]);
    const defs = findDefinitions(t, [day]);
    // 甲 matched the strongest pattern (X：) but its substance is a link.
    expect(defs.length).toBe(4);
    const spamAt = defs.findIndex((d) => d.spamLike);
    expect(spamAt).toBeGreaterThan(0);
    expect(defs.slice(spamAt).every((d) => d.spamLike)).toBe(true);
    expect(defs.filter((d) => d.spamLike).map((d) => d.speaker).sort()).toEqual(['丙', '甲']);
    // Reading order: real explanations by time (乙 10:00:01 before 丁 10:00:03), then the spam-like ones.
    expect(inReadingOrder(defs).map((d) => d.speaker)).toEqual(['乙', '丁', '甲', '丙']);
  });
});

describe('concordance', () => {
  it('lists every occurrence in context, grouped by thread', () => {
    const groups = concordance(term('fenlu-liushui'), archive);
    const lines = groups.flatMap((g) => g.lines);
    const expected = archive.days.flatMap((d) => d.messages).filter((m) => m.duplicateOf === null).reduce((n, m) => n + (m.text.match(/分录流水|会计流水/g)?.length ?? 0), 0);
    expect(lines.length).toBe(expected);
    for (const l of lines) expect(['分录流水', '会计流水']).toContain(l.match);
    for (const g of groups) if (g.threadId) for (const l of g.lines) expect(idx.threadOf.get(l.messageId)).toBe(g.threadId);
    const l155 = lines.find((l) => l.messageId === 'devarch/2018-08-08/155')!;
    expect(l155.right.startsWith('：每个交易类型')).toBe(true);
  });

  it('counts occurrences per month over the whole archive span, zeros included', () => {
    const series = occurrencesByMonth(concordance(term('fenlu-liushui'), archive), archive);
    expect(series[0]!.period).toBe('2017-09');
    expect(series[series.length - 1]!.period).toBe('2019-01');
    expect(series.find((p) => p.period === '2018-08')!.count).toBeGreaterThan(10);
    expect(series.find((p) => p.period === '2018-03')!.count).toBe(0);
  });

  it('finds co-occurring terms by shared threads', () => {
    const co = cooccurringTerms(term('fenlu-liushui'), archive.terms);
    expect(co.map((c) => c.slug)).toContain('zhanghu-liushui');
    for (const c of co) expect(c.score).toBeGreaterThan(0);
  });
});

describe('new-term discovery', () => {
  it('puts 分录流水 near the top of the bundled content', () => {
    const all = glossaryCandidates(archive, { includeKnown: true, limit: 60 }).map((c) => c.term);
    expect(all.indexOf('分录流水')).toBeGreaterThanOrEqual(0);
    expect(all.indexOf('分录流水')).toBeLessThan(15);
    for (const w of ['睡眠周期', '垫资', '交易流水']) expect(all, w).toContain(w);
    // fragments of a term are not candidates
    expect(all).not.toContain('录流水');
    expect(all).not.toContain('分录流');
  });

  it('leaves out terms already in the glossary', () => {
    const c = glossaryCandidates(archive, { limit: 200 }).map((x) => x.term);
    expect(c).not.toContain('分录流水');
    expect(c).not.toContain('垫资');
    expect(c.length).toBeGreaterThan(20);
  });

  it('prefers a cohesive, freely used string to its fragments (synthetic)', () => {
    const contexts = ['我们', '他们', '先', '再', '要', '不', '会', '你们', '都', '只'];
    const texts = contexts.flatMap((c, i) => [`${c}记清分账${['吧', '啊', '了', '呢', '哦', '嘛', '么', '呀', '的', '咯'][i]}`, `问题${i}是${c}怎么办`]);
    const c = discoverTerms(texts.map((text, i) => ({ id: String(i), text })));
    expect(c[0]?.term).toBe('记清分账');
    expect(c.map((x) => x.term)).not.toContain('清分');
  });

  it('cli: terms --json prints candidates with score, frequency and example', async () => {
    const { run } = await import('../../scripts/commands/terms.ts');
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const prev = process.env.CKA_CONTENT_DIR;
    process.env.CKA_CONTENT_DIR = fixtureContentDir();
    try {
      expect(await run(['--limit', '5', '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
      if (prev === undefined) delete process.env.CKA_CONTENT_DIR;
      else process.env.CKA_CONTENT_DIR = prev;
    }
    const rows = JSON.parse(out.join('\n'));
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(typeof r.term).toBe('string');
      expect(r.score).toBeGreaterThan(0);
      expect(r.frequency).toBeGreaterThanOrEqual(3);
      expect(idx.message.get(r.example.messageId)?.text.toLowerCase()).toContain(r.term);
    }
  });
});

function mk(slug: string, t: string, aliases: string[] = []): Term {
  return { slug, term: t, aliases, topics: [], related: [], body: '', threadIds: [] };
}

function fakeDay(rows: [string, string][]): Day {
  const id = 'g/2020-01-01';
  const speakers = rows.map(([speaker]) => speaker);
  const names = nameMatcher(speakers);
  const messages: Message[] = rows.map(([speaker, text], i) => {
    const inline = parseInline(text, names);
    return {
      id: `${id}/${i + 1}`, day: id, seq: i + 1, line: i + 1, time: `10:00:${String(i).padStart(2, '0')}`, speaker, speakerId: speaker, raw: text, text,
      plain: plainOf(inline.segments), seconds: 36000 + i,
      segments: [{ type: 'text', text }], links: [], images: [], mentions: inline.mentions, mentionIds: mentionIdsOf(inline.mentions, speakers), emojis: [],
      kind: 'text', quote: null, duplicateOf: null, flags: [],
    };
  });
  return { id, group: 'g', date: '2020-01-01', file: 'g/2020-01-01-chat.markdown', title: '', author: null, declaredLines: null, tags: [], messages };
}
