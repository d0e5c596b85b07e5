// The on-disk analysis cache: a warm cache gives the same archive as no cache, a changed day is recomputed (never
// served stale) while the other days are reused, a new code version or glossary reuses nothing it should not, and entries no build will ask for are pruned.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContent } from '../../src/node/load.ts';
import { analysisMemo, codeVersion } from '../../src/node/analysis-cache.ts';
import type { ArchiveInput } from '../../src/model/types.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const content = readContent(fixtureContentDir());
const tmp = mkdtempSync(join(tmpdir(), 'cka-acache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The content with one day's log edited: a message is appended. */
function withEditedDay(input: ArchiveInput, file: string): ArchiveInput {
  return {
    ...input,
    logs: input.logs.map((l) => (l.file === file ? { ...l, source: `${l.source.replace(/\n+$/, '')}\n\n> 23:59:58  新来的人\n\n请问分录流水是什么意思？\n\n` } : l)),
  };
}

describe('analysis cache', () => {
  const days = content.logs.length;

  it('a warm cache builds the same archive as no cache, without parsing or threading again', () => {
    const dir = join(tmp, 'a');
    const clean = buildArchive(content);
    const cold = analysisMemo(dir, 'v1');
    expect(buildArchive(content, cold)).toEqual(clean);
    expect(cold.stats).toEqual({ parseHits: 0, parseMisses: days, threadHits: 0, threadMisses: days });
    const warm = analysisMemo(dir, 'v1');
    expect(buildArchive(content, warm)).toEqual(clean);
    expect(warm.stats).toEqual({ parseHits: days, parseMisses: 0, threadHits: days, threadMisses: 0 });
  });

  it('after one day changes, that day is recomputed and the result equals a clean build', () => {
    const dir = join(tmp, 'b');
    buildArchive(content, analysisMemo(dir, 'v1'));
    const file = content.logs[0]!.file;
    const edited = withEditedDay(content, file);
    const memo = analysisMemo(dir, 'v1');
    const got = buildArchive(edited, memo);
    expect(got).toEqual(buildArchive(edited));
    expect(got.days.find((d) => d.file === file)!.messages.at(-1)!.text).toBe('请问分录流水是什么意思？');
    expect(memo.stats.parseMisses).toBe(1);
    expect(memo.stats.threadMisses).toBeGreaterThanOrEqual(1);
    // A new speaker may renumber nobody else: the other days' threads come from the cache.
    expect(memo.stats.threadHits).toBe(days - memo.stats.threadMisses);
    expect(memo.stats.threadHits).toBeGreaterThanOrEqual(days - 2);
  });

  it('prune keeps what the last build used and removes the entries of other code versions and of changed days', () => {
    const dir = join(tmp, 'p');
    const entries = () => ['parse', 'threads'].flatMap((sub) => readdirSync(join(dir, sub)).map((n) => `${sub}/${n}`)).sort();
    buildArchive(content, analysisMemo(dir, 'v1'));
    const v1 = entries();
    expect(v1).toHaveLength(2 * days);
    const v2 = analysisMemo(dir, 'v2');
    buildArchive(withEditedDay(content, content.logs[0]!.file), v2);
    expect(entries()).toHaveLength(4 * days);
    expect(v2.prune()).toBe(2 * days);
    const kept = entries();
    expect(kept).toHaveLength(2 * days);
    expect(kept.filter((e) => v1.includes(e))).toEqual([]);
    // What is left is exactly what the next build of the same input and code reads: every entry a hit.
    const again = analysisMemo(dir, 'v2');
    buildArchive(withEditedDay(content, content.logs[0]!.file), again);
    expect(again.stats).toEqual({ parseHits: days, parseMisses: 0, threadHits: days, threadMisses: 0 });
    expect(again.prune()).toBe(0);
  });

  it('a new code version, glossary or corrections file never reuses entries it would change', () => {
    const dir = join(tmp, 'c');
    buildArchive(content, analysisMemo(dir, 'v1'));
    const v2 = analysisMemo(dir, 'v2');
    buildArchive(content, v2);
    expect(v2.stats.parseHits + v2.stats.threadHits).toBe(0);
    const glossary = content.glossary.map((g, i) => (i === 0 ? { ...g, source: g.source.replace(/^term: .*$/m, 'term: 一个新词') } : g));
    const g = analysisMemo(dir, 'v1');
    const withGlossary = { ...content, glossary };
    expect(buildArchive(withGlossary, g)).toEqual(buildArchive(withGlossary));
    expect(g.stats.parseHits).toBe(days); // parsing does not read the glossary
    expect(g.stats.threadHits).toBe(0);
  });

  it('versions the code by the content of every source file', () => {
    expect(codeVersion()).toMatch(/^[0-9a-f]{64}$/);
    expect(codeVersion()).toBe(codeVersion());
  });
});
