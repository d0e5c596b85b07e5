// Maintainers' corrections: parsing and checking name the line; each kind changes the built archive and the
// export, and marks the thread it changed.
import { mkdtempSync, writeFileSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { applyStructure, checkCorrections, parseCorrections } from '../../src/threads/corrections.ts';
import { readContent } from '../../src/node/load.ts';
import { toExport } from '../../src/pipeline/export.ts';
import { fixtureContentDir, fixtureLogsDir } from '../helpers/fixture.ts';

describe('parseCorrections / checkCorrections', () => {
  const source = [
    '# comments are fine',
    '- move: devarch/2018-08-08/46',
    '  to: devarch/2018-08-08/t12',
    '- split: devarch/2018-08-08/999',
    '- merge: [devarch/2018-08-08/t1, nogroup/2018-08-08/t3]',
    '- title: devarch/2018-08-08/t12',
    '  text: 商户、业务与支付机构的划分',
    '- answer: devarch/2018-08-08',
    '- notAnswer: devarch/2018-08-08/5',
    '  extra: 1',
  ].join('\n');
  const { corrections, problems } = parseCorrections(source);
  const count = (d: string) => (d === 'devarch/2018-08-08' ? 376 : undefined);

  it('reads each entry with its line', () => {
    expect(corrections.map((c) => [c.kind, c.line])).toEqual([['move', 2], ['split', 4], ['merge', 5], ['title', 6], ['answer', 8], ['notAnswer', 9]]);
    expect(problems).toEqual([{ file: 'corrections.yaml', line: 9, severity: 'error', message: 'notAnswer: unexpected key "extra"' }]);
  });

  it('reports unknown ids as errors naming their line, and a day that is not in the logs as a warning', () => {
    const found = checkCorrections(corrections, count, source);
    expect(found.map((p) => `${p.line}: ${p.severity}: ${p.message}`)).toEqual([
      '4: error: split: unknown message id "devarch/2018-08-08/999": devarch/2018-08-08 has 376 messages',
      '5: warning: merge: "nogroup/2018-08-08/t3" names day nogroup/2018-08-08, which is not in the logs',
      '8: error: answer: "devarch/2018-08-08" is not a message id (<group>/<YYYY-MM-DD>/<seq>)',
    ]);
    expect(found.every((p) => p.file === 'corrections.yaml')).toBe(true);
  });

  it('reports broken YAML at its line', () => {
    const r = parseCorrections('- move: a/2018-01-01/1\n  to: [unclosed\n');
    expect(r.problems[0]?.severity).toBe('error');
    expect(r.problems[0]?.line).toBeGreaterThanOrEqual(2);
  });
});

describe('applyStructure', () => {
  const c = (s: string) => parseCorrections(s).corrections;
  it('moves, splits and merges in file order, keeping every message exactly once', () => {
    const threads = [[1, 2, 3, 6], [4, 5], [7, 8]];
    const r = applyStructure(threads, c('- move: g/2020-01-01/6\n  to: g/2020-01-01/t4\n- split: g/2020-01-01/3\n- merge: [g/2020-01-01/t7, g/2020-01-01/t2]\n'));
    expect(r.threads).toEqual([[1, 2, 7, 8], [3], [4, 5, 6]]);
    expect(r.threads.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...(r.marks.get(6) ?? [])]).toEqual(['move']);
    expect([...(r.marks.get(3) ?? [])]).toEqual(['split']);
  });
});

describe('corrections in the built archive and the export', () => {
  const input = readContent(fixtureContentDir());
  const plain = buildArchive(input);
  const day = 'devarch/2018-08-08';
  const threadsOf = (a: typeof plain) => a.threads.filter((t) => t.day === day);
  const big = [...threadsOf(plain)].sort((a, b) => b.seqs.length - a.seqs.length)[0]!;
  const qa = threadsOf(plain).find((t) => t.questionId && t.answerIds.length >= 2)!;
  const mid = big.seqs[Math.floor(big.seqs.length / 2)]!;
  const other = threadsOf(plain).find((t) => t !== big && t !== qa)!;
  const firstAnswer = qa.answerIds[0]!;
  const nonAnswer = qa.messageIds.find((id) => id !== qa.questionId && !qa.answerIds.includes(id))!;
  const source = [
    `- split: ${day}/${mid}`,
    `- move: ${other.messageIds.at(-1)}`,
    `  to: ${big.id}`,
    `- title: ${qa.id}`,
    '  text: 维护者改过的标题',
    `- notAnswer: ${firstAnswer}`,
    `- answer: ${nonAnswer}`,
  ].join('\n');
  const fixed = buildArchive({ ...input, corrections: { file: 'corrections.yaml', source } });

  it('builds without problems from the file', () => {
    expect(fixed.problems.filter((p) => p.file === 'corrections.yaml')).toEqual([]);
  });

  it('splits, moves, retitles and changes answers; every message stays in exactly one thread', () => {
    const after = threadsOf(fixed);
    expect(after.flatMap((t) => t.seqs).sort((a, b) => a - b)).toEqual(threadsOf(plain).flatMap((t) => t.seqs).sort((a, b) => a - b));
    const tail = after.find((t) => t.seq === mid)!;
    expect(tail.corrections).toContain('split');
    const moved = other.seqs.at(-1)!;
    expect(after.find((t) => t.seqs.includes(moved))!.seqs).toContain(big.seq);
    const q = after.find((t) => t.seqs.includes(qa.seq))!;
    expect(q.title).toBe('维护者改过的标题');
    expect(q.answerIds).not.toContain(firstAnswer);
    expect(q.answerIds).toContain(nonAnswer);
    expect(q.corrections).toEqual(expect.arrayContaining(['title', 'answer', 'notAnswer']));
    expect(threadsOf(plain).every((t) => t.corrections.length === 0)).toBe(true);
  });

  it('shows in the export', () => {
    const ex = toExport(fixed).threads.find((t) => t.title === '维护者改过的标题')!;
    expect(ex.corrections).toEqual(expect.arrayContaining(['title']));
    expect(ex.kind).toBe('qa');
  });
});

describe('check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cka-corrections-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('exits 1 and names the line of an unknown id in content/corrections.yaml', () => {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    cpSync(join(fixtureLogsDir(), 'devarch'), join(dir, 'logs/devarch'), { recursive: true });
    writeFileSync(join(dir, 'corrections.yaml'), '# corrections\n- answer: devarch/2018-08-08/3\n- split: devarch/2018-08-08/9999\n');
    const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', 'check'], { env: { ...process.env, CKA_CONTENT_DIR: dir }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/corrections\.yaml:3: split: unknown message id "devarch\/2018-08-08\/9999"/);
    expect(r.stdout).not.toMatch(/corrections\.yaml:2/);
  });
});
