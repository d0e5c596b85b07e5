// Property test: real logs mutated at random (truncation, deleted lines, doubled lines, random bytes,
// CRLF, BOM). Validation and parsing never throw, and every header line still present in the mutated
// file is still a message.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { checkLog } from '../../src/ingest/check.ts';
import { listLogFiles } from '../../src/node/load.ts';
import { fixtureLogsDir } from '../helpers/fixture.ts';

// The fixture's days: every day of the archive is covered without mutation by noloss.test.ts.
const LOGS = fixtureLogsDir();
const sources = listLogFiles(LOGS).map((p) => ({ file: relative(LOGS, p).split('\\').join('/'), bytes: readFileSync(p) }));
const HEADER_LINE = /^> [0-9]{2}:[0-9]{2}:[0-9]{2}(?:[ \t]|$)/;

type Mutation =
  | { t: 'truncate'; at: number }
  | { t: 'delete'; at: number; n: number }
  | { t: 'double'; at: number; n: number }
  | { t: 'bytes'; at: number; bytes: number[] }
  | { t: 'crlf' }
  | { t: 'bom' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ t: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ t: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ t: fc.constant('double' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ t: fc.constant('bytes' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 }) }),
  fc.constant({ t: 'crlf' as const }),
  fc.constant({ t: 'bom' as const }),
);

function apply(b: Buffer, m: Mutation): Buffer {
  const pos = (f: number, len: number) => Math.min(len, Math.floor(f * len));
  if (m.t === 'truncate') return b.subarray(0, pos(m.at, b.length));
  if (m.t === 'bytes') { const i = pos(m.at, b.length); return Buffer.concat([b.subarray(0, i), Buffer.from(m.bytes), b.subarray(i)]); }
  if (m.t === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
  if (m.t === 'crlf') return Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  const lines = b.toString('latin1').split('\n');
  const i = pos(m.at, lines.length - 1);
  if (m.t === 'delete') lines.splice(i, m.n);
  else lines.splice(i, 0, ...lines.slice(i, i + m.n));
  return Buffer.from(lines.join('\n'), 'latin1');
}

describe('mutated real logs', () => {
  it('never throw and never lose a header that is still present', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (k, muts) => {
        const { file, bytes } = sources[k]!;
        const mutated = muts.reduce(apply, Buffer.from(bytes));
        const r = checkLog(file, mutated); // must not throw
        for (const p of r.problems) {
          expect(p.file).toBe(file);
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        if (!r.parsed) {
          // Not decodable: it must say so, as an error.
          expect(r.problems.some((p) => p.severity === 'error' && /UTF|binary/.test(p.message))).toBe(true);
          return;
        }
        const text = new TextDecoder('utf-8').decode(mutated).replace(/^\ufeff/, '');
        const lines = text.split(/\r?\n/);
        const present = lines.map((l, i) => (HEADER_LINE.test(l) ? i + 1 : 0)).filter(Boolean);
        const got = new Set(r.parsed.day.messages.map((m) => m.line));
        expect(present.filter((line) => !got.has(line))).toEqual([]);
        expect(r.parsed.day.messages.filter((m) => !lines[m.line - 1]!.startsWith(`> ${m.time}`)).map((m) => m.line)).toEqual([]);
        if (present.length === 0) expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
      { numRuns: 150, seed: Number(process.env.CKA_FC_SEED ?? 20240917) },
    );
  });
});
