// A build replaces its output folder only when it succeeded; a failure leaves the previous site as it was.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReplacing, removeStaleStaging, stagingDirs } from '../../src/node/replace-dir.ts';

function withTmp(fn: (dir: string) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cka-replace-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const writeSite = (dir: string, text: string) => {
  writeFileSync(join(dir, 'index.html'), text);
  mkdirSync(join(dir, 'g'), { recursive: true });
  writeFileSync(join(dir, 'g', 'page.html'), text);
};

describe('buildReplacing', () => {
  it('builds into an empty staging folder and swaps it in on success', withTmp(async (tmp) => {
    const dist = join(tmp, 'dist');
    mkdirSync(dist);
    writeSite(dist, 'old');
    writeFileSync(join(dist, 'only-in-old.html'), 'old');
    let seen = '';
    await buildReplacing(dist, async (out) => {
      seen = out;
      expect(readdirSync(out)).toEqual([]);
      expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('old'); // still served while building
      writeSite(out, 'new');
    });
    expect(seen).not.toBe(dist);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(dist, 'only-in-old.html'))).toBe(false);
    expect(readdirSync(tmp)).toEqual(['dist']); // no staging or old folder left
  }));

  it('can leave the replaced folder to a detached process, which deletes it', withTmp(async (tmp) => {
    const dist = join(tmp, 'dist');
    mkdirSync(dist);
    writeSite(dist, 'old');
    await buildReplacing(dist, async (out) => writeSite(out, 'new'), 'index.html', 'background');
    // The new site is in place at once; the old one goes when the background process is done.
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('new');
    for (let i = 0; i < 100 && readdirSync(tmp).length > 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(tmp)).toEqual(['dist']);
  }));

  it('leaves the previous site untouched when the build throws or writes no index.html', withTmp(async (tmp) => {
    const dist = join(tmp, 'dist');
    mkdirSync(dist);
    writeSite(dist, 'old');
    await expect(buildReplacing(dist, async (out) => {
      writeSite(out, 'half');
      throw new Error('page generation failed');
    })).rejects.toThrow('page generation failed');
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('old');
    expect(readFileSync(join(dist, 'g', 'page.html'), 'utf8')).toBe('old');
    await expect(buildReplacing(dist, async (out) => writeFileSync(join(out, 'other.html'), 'x'))).rejects.toThrow(/no index\.html/);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('old');
    expect(readdirSync(tmp)).toEqual(['dist']);
  }));

  it('creates the folder on a first build', withTmp(async (tmp) => {
    const dist = join(tmp, 'dist');
    await buildReplacing(dist, async (out) => writeSite(out, 'first'));
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('first');
  }));

  it('removes staging folders of killed builds, not of running ones', withTmp(async (tmp) => {
    const dist = join(tmp, 'dist');
    const dead = stagingDirs(dist, 2 ** 22 + 12345); // above Linux's pid_max default, so no such process
    const running = stagingDirs(dist, process.pid);
    for (const d of [dead.building, dead.old, running.building]) mkdirSync(d, { recursive: true });
    const removed = removeStaleStaging(dist);
    expect(removed.sort()).toEqual([dead.building, dead.old].sort());
    expect(existsSync(running.building)).toBe(true);
  }));
});
