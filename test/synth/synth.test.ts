import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/ingest/parse.ts';
import { collectStats } from '../../src/synth/stats.ts';
import { DEFAULT_STATS, generateLogs } from '../../src/synth/generate.ts';

describe('synthetic archive generator', () => {
  const logs = [...generateLogs({ days: 40, seed: 7 })];
  const parsed = logs.map((l) => parseDay(l.source, l.file));

  it('writes real-format files with consecutive dates per group', () => {
    expect(logs.map((l) => l.file).slice(0, 5)).toEqual([
      'devarch/2017-09-01-chat.markdown', 'prodarch/2017-09-01-chat.markdown', 'proddev/2017-09-01-chat.markdown',
      'prodrd/2017-09-01-chat.markdown', 'devarch/2017-09-02-chat.markdown',
    ]);
    expect(logs[0]!.source).toMatch(/^---\nlayout: +source \ntitle: +"2017-09-01-WeChat"\ndate: +2017-09-01 12:00:00\n/);
    expect(logs[0]!.source).toMatch(/\n> \d\d:\d\d:\d\d  \S.*  \n   \n/);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = [...generateLogs({ days: 3, seed: 7 })];
    expect(again.map((l) => l.source)).toEqual(logs.slice(0, 3).map((l) => l.source));
    expect([...generateLogs({ days: 1, seed: 8 })][0]!.source).not.toBe(logs[0]!.source);
  });

  it('parses with zero problems and exactly the planned message counts', () => {
    for (const [i, p] of parsed.entries()) {
      expect(p.problems).toEqual([]);
      expect(p.day.messages.length).toBe(logs[i]!.messages);
      expect(p.day.date).toBe(logs[i]!.file.slice(-24, -14));
      for (let j = 1; j < p.day.messages.length; j++) expect(p.day.messages[j]!.time >= p.day.messages[j - 1]!.time).toBe(true);
    }
  });

  it('reproduces the real logs statistics within a tolerance', () => {
    const s = collectStats(parsed.map((p) => p.day));
    const close = (got: number, want: number, rel: number, abs: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.max(want * rel, abs));
    close(s.shares.link, DEFAULT_STATS.shares.link, 0.5, 0.004);
    close(s.shares.image, DEFAULT_STATS.shares.image, 0.35, 0.004);
    close(s.shares.mention, DEFAULT_STATS.shares.mention, 0.3, 0.01);
    close(s.shares.emoji, DEFAULT_STATS.shares.emoji, 0.3, 0.01);
    close(s.shares.empty, DEFAULT_STATS.shares.empty, 1, 0.004);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    close(mean(s.messagesPerDay), mean(DEFAULT_STATS.messagesPerDay), 0.25, 0);
    close(s.textLength[50]!, DEFAULT_STATS.textLength[50]!, 0.4, 3);
    // Busiest hours stay busy: the real top hour carries clearly more than an average hour.
    const realTop = DEFAULT_STATS.hours.indexOf(Math.max(...DEFAULT_STATS.hours));
    expect(s.hours[realTop]).toBeGreaterThan(mean(s.hours));
  });
});

describe('synthetic content folder', () => {
  it('drops the glossary citations and keeps the rest of the file', async () => {
    const { withoutSources } = await import('../../src/synth/site-content.ts');
    const md = '---\nterm: 备付金\nsources: [prodarch/2017-12-20/122]\naliases: [主备付金]\n---\n定义（[#122](/prodarch/2017-12-20/#m122)）\n';
    expect(withoutSources(md)).toBe('---\nterm: 备付金\naliases: [主备付金]\n---\n定义（[#122](/prodarch/2017-12-20/#m122)）\n');
    expect(withoutSources('no front matter\nsources: x\n')).toBe('no front matter\nsources: x\n');
  });
});
