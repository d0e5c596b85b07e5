// The `search` command reads the built site's index files (the ones the browser fetches).
import { loadArchive } from '../../src/node/load.ts';
import { indexArchive, threadHolding } from '../../src/pipeline/archive.ts';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MAIN_SITE, ROOT } from '../helpers/site.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/cli.ts'), 'search', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('cli search', () => {
  it('returns ranked JSON results with the contract fields, from the built site', () => {
    const r = cli('--site', MAIN_SITE, '--limit', '3', '分录流水');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { threadId: string; messageId: string; score: number; snippet: string }[];
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(3);
    expect(Object.keys(out[0]!).sort()).toEqual(['messageId', 'score', 'snippet', 'threadId']);
    expect(out[0]!.threadId).toMatch(/^devarch\/2018-08-08\/t\d+$/);
    expect(out[0]!.messageId.startsWith('devarch/2018-08-08/')).toBe(true);
    expect(out[0]!.snippet).toContain('分录流水');
    for (let i = 1; i < out.length; i++) expect(out[i - 1]!.score).toBeGreaterThanOrEqual(out[i]!.score);
  });
  it('lists every matching message with --messages', () => {
    const r = cli('--site', MAIN_SITE, '--messages', '分录流水');
    const out = JSON.parse(r.stdout) as { messageId: string; snippet: string }[];
    expect(out.length).toBeGreaterThan(10);
    expect(out.every((o) => o.snippet.includes('分录流水'))).toBe(true);
  });
  it('fails clearly without --site or on a folder without an index', () => {
    expect(cli('分录流水').status).toBe(2);
    const r = cli('--site', join(ROOT, 'content'), '分录流水');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('build the site first');
  });
  it('answers a question in plain Chinese, and explains with --explain', () => {
    const r = cli('--site', MAIN_SITE, '--limit', '5', '怎么防止重复扣款');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { threadId: string }[];
    // The judged discussion is named by its first message (see threadHolding).
    expect(out[0]!.threadId).toBe(threadHolding(indexArchive(loadArchive(fixtureContentDir())), 'devarch/2018-08-08/t46'));
    const e = cli('--site', MAIN_SITE, '--limit', '5', '--explain', '怎么防止重复扣款');
    const x = JSON.parse(e.stdout) as { mode: string; dropped: string[]; terms: { text: string }[]; expansions: { text: string; from: string }[]; signals: Record<string, number>; results: { threadId: string }[] };
    expect(x.mode).toBe('question');
    expect(x.dropped).toContain('怎么');
    expect(x.terms.map((t) => t.text)).toContain('重复扣款');
    expect(x.expansions.find((t) => t.text === '轮询扣款')?.from).toBe('重复扣款');
    expect(x.signals.lexical! + x.signals.semantic!).toBeCloseTo(1, 2);
    expect(x.results.map((t) => t.threadId)).toEqual(out.map((t) => t.threadId));
  });
});
