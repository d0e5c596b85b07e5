// Work on chat text is linear in its size: adversarial lines (long runs of `[`, `![`, `](`, `@`, `&amp;`,
// backticks, `*`, `_`, nested brackets, digit and space runs, and mixtures) go through parse + check + the whole
// pipeline, and the work for 4n characters is compared with the work for n. Linear work grows ~4x, the
// quadratic cases this replaces grew 12-16x (e.g. 200,000 `![` took `check` 8 s). Work is measured as this
// process's CPU time (not wall-clock, so other processes on a loaded machine do not count), the best of
// three runs, with a generous bound (10x) and a floor for tiny times. No absolute timing is asserted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLog } from '../../src/ingest/check.ts';
import { buildArchive } from '../../src/pipeline/archive.ts';

const FILE = 'g/2020-01-01-chat.markdown';
const UNITS = ['[', '![', '](', '@', '＠', '&amp;', '`', '*', '_', '[[]', '[a', ']', '(', '@a ', '?', ' ', '\t', '1', '.', '「', '」', '【', '<', '不是', '[强', '[x](', 'http://a', 'a-', '.。'];

function log(line: string): string {
  return `---\ntitle: t\ndate: 2020-01-01\n---\n> 10:00:00  a  \n   \n${line}  \n   \n> 10:00:01  b  \n   \n你好${line}吗？  \n   \n> 10:00:02  @${line.slice(0, 500)}  \n   \n「 a: ${line} 」 - - - 回复  \n   \n`;
}

const repeatTo = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** CPU milliseconds of `f`, best of three. */
function work(f: () => void): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

const check = (src: string) => () => {
  const r = checkLog(FILE, new TextEncoder().encode(src));
  // Nothing lost: the three headers stay three messages whatever the body holds.
  if (r.parsed!.day.messages.length !== 3) throw new Error('a message was lost');
};
const pipeline = (src: string) => () => {
  const a = buildArchive({ groups: [], topics: [], glossary: [], logs: [{ file: FILE, source: src }] });
  if (a.days[0]!.messages.length !== 3) throw new Error('a message was lost');
};

/** Work(4n) / Work(n), with times under `floor` ms counted as `floor` (noise, not growth). */
function growth(make: (n: number) => string, run: (src: string) => () => void, n: number, floor: number): number {
  const small = make(n);
  const large = make(4 * n);
  run(small)(); // warm up the JIT and the regex compiler
  return work(run(large)) / Math.max(work(run(small)), floor);
}

describe('linear work on adversarial chat text', () => {
  for (const unit of UNITS) {
    it(`check: a 40,000-character line of ${JSON.stringify(unit)} costs at most ~4x a 10,000-character one`, () => {
      expect(growth((n) => log(repeatTo(unit, n)), check, 10_000, 15)).toBeLessThan(10);
    });
  }

  it('the whole pipeline: mixtures of adversarial units (property, fixed seed)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }), (units) => {
        const unit = units.join('');
        const g = growth((n) => log(repeatTo(unit, n)), pipeline, 6_000, 40);
        expect(g, unit).toBeLessThan(10);
      }),
      { seed: 20261201, numRuns: 12 },
    );
  }, 120_000);
});
