import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_SITE } from './helpers/site.ts';
import { loadArchive } from '../src/node/load.ts';
import { FIXTURE_DAYS, fixtureContentDir } from './helpers/fixture.ts';

describe('skeleton', () => {
  it('builds an archive from the fixture content with one message per header line', () => {
    const a = loadArchive(fixtureContentDir());
    expect(a.days.length).toBe(FIXTURE_DAYS.length);
    for (const d of a.days) {
      const src = readFileSync(join(fixtureContentDir(), 'logs', d.file), 'utf8');
      expect(d.messages.length).toBe(src.split('\n').filter((l) => /^> \d\d:\d\d:\d\d/.test(l)).length);
    }
  });
  it('built the site home page in Chinese', () => {
    expect(existsSync(join(MAIN_SITE, 'index.html'))).toBe(true);
    expect(readFileSync(join(MAIN_SITE, 'index.html'), 'utf8')).toContain('lang="zh-CN"');
  });
});
