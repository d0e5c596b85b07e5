// Build progress: nothing is printed outside a build; during one, each stage is one line with its counts and time.
import { afterEach, describe, expect, it } from 'vitest';
import { disableProgress, enableProgress, formatStage, stage, timed } from '../../src/node/progress.ts';
import { loadArchive } from '../../src/node/load.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

afterEach(() => disableProgress());

describe('progress', () => {
  it('formats a stage with its detail, duration and time since the build started', () => {
    expect(formatStage('pages', '440 pages', 45_123, 76_300)).toBe('[build] pages          440 pages · 45.1 s · at 76.3 s');
    expect(formatStage('read logs', '8 files', 12, 3_456)).toBe('[build] read logs      8 files · 0.01 s · at 3.46 s');
  });

  it('prints nothing unless a build turned it on', () => {
    const lines: string[] = [];
    stage('x', 'y', 1);
    enableProgress((l) => lines.push(l));
    disableProgress();
    stage('x', 'y', 1);
    expect(lines).toEqual([]);
  });

  it('reports bundling before the first stage, then the archive load with its counts', () => {
    const lines: string[] = [];
    enableProgress((l) => lines.push(l));
    expect(timed('noop', () => 42, (n) => `${n} things`)).toBe(42);
    const archive = loadArchive(fixtureContentDir());
    expect(lines[0]).toMatch(/^\[build\] bundle /);
    expect(lines[1]).toMatch(/^\[build\] noop +42 things · /);
    const read = lines.find((l) => l.startsWith('[build] read logs'));
    const parsed = lines.find((l) => l.startsWith('[build] parse+threads'));
    expect(read).toContain(`${archive.days.length} files`);
    const messages = archive.days.reduce((n, d) => n + d.messages.length, 0);
    expect(parsed).toContain(`${archive.days.length} days (0 quiet), ${messages.toLocaleString('en-US')} messages, ${archive.threads.length} threads`);
  });
});
