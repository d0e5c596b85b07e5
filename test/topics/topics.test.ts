import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/model/types.ts';
import { contentDir, readContentMeta } from '../../src/node/load.ts';
import { compileTagger, tagThread, type TopicModel } from '../../src/topics/evidence.ts';
import model from '../../src/topics/model.json' with { type: 'json' };

const topics = yaml.load(readFileSync('content/topics.yaml', 'utf8')) as Topic[];

describe('content/topics.yaml', () => {
  it('has every slug the gold files and the issue use, each with a Chinese name, a description and terms', () => {
    const slugs = topics.map((t) => t.slug);
    for (const s of ['community', 'data-sync', 'industry', 'jobs', 'ledgers', 'marketing', 'quick-pay', 'reconciliation', 'routing',
      'sleep-management', 'social', 'wallet', 'clearing-settlement', 'collections', 'cross-border', 'accounts', 'risk-compliance',
      'security', 'chit-chat']) expect(slugs).toContain(s);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const t of topics) {
      expect(t.name).toMatch(/[\u4e00-\u9fff]/);
      expect(t.description).toMatch(/[\u4e00-\u9fff]/);
      expect(t.terms.length).toBeGreaterThan(0);
    }
  });
  it('context terms are read from the file and are no core terms of the same topic (one list says what names a topic)', () => {
    const read = readContentMeta(contentDir()).topics;
    const ledgers = read.find((t) => t.slug === 'ledgers');
    expect(ledgers?.context).toContain('会计');
    expect(ledgers?.terms).not.toContain('会计');
    for (const t of read) for (const c of t.context ?? []) expect(t.terms, `${t.slug}: ${c}`).not.toContain(c);
  });
  it('names topics by the spellings the archive uses: Roman-numeral account classes, the interbank systems, compiled talk notes', () => {
    const read = readContentMeta(contentDir()).topics;
    const tagger = compileTagger(read, [], model as TopicModel);
    const tags = (texts: string[]) => tagThread({ texts, speakers: texts.map((_, i) => `s${i % 2}`), lead: 0 }, tagger).topics.map((t) => t.slug);
    expect(tags(['银行Ⅱ、Ⅲ类户的开户有什么限制', '绑定一类户就行，非面对面也能开', '那入金限额是多少'])).toContain('accounts');
    expect(tags(['跨行转账除了走大小额和超网还能走什么', '一般走人行系统，也可以走银联', '对公只能走大小额'])).toContain('clearing-settlement');
    expect(tags(['昨晚的分享有人整理了吗', '在整理，聊天记录太长了', '整理好发群里'])).toContain('community');
  });
});
