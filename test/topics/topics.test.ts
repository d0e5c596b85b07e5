import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/model/types.ts';
import { contentDir, readContentMeta } from '../../src/node/load.ts';

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
});
