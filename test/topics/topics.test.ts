import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { scoreTopics } from '../../src/topics/topics.ts';
import type { Topic } from '../../src/model/types.ts';

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
});

describe('scoreTopics', () => {
  it('tags a ledger discussion with ledgers first', () => {
    const s = scoreTopics('先记分录流水还是先改余额？账户流水和会计科目怎么对应，分户账呢', topics);
    expect(s[0]!.slug).toBe('ledgers');
    expect(s[0]!.score).toBeGreaterThan(0);
  });
  it('tags routing and sleep talk', () => {
    expect(scoreTopics('商户-产品-路由规则-通道四个层级，四方系统', topics)[0]!.slug).toBe('routing');
    expect(scoreTopics('R90 方案，每晚5个睡眠周期', topics)[0]!.slug).toBe('sleep-management');
  });
  it('gives a joke no payments topic', () => {
    const s = scoreTopics('哈哈，明天上班我们都不认识你', topics).map((x) => x.slug);
    expect(s.every((x) => x === 'chit-chat' || x === 'social')).toBe(true);
  });
  it('follows the taxonomy it is given, not code', () => {
    const custom: Topic[] = [{ slug: 'x', name: '甲', description: '', terms: ['灰度发布'] }];
    expect(scoreTopics('我们用灰度发布', custom)).toEqual([{ slug: 'x', score: expect.any(Number) }]);
    expect(scoreTopics('我们用灰度发布', [])).toEqual([]);
  });
});
