// The `search` command reads the built site's index files (the ones the browser fetches).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MAIN_SITE, ROOT } from '../helpers/site.ts';

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
});
