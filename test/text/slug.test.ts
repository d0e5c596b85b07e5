// The slug rule for names from chat text: bounded, file-system safe, stable, and distinct for distinct names.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundSlug, MAX_SLUG_BYTES, slugHash, utf8Length } from '../../src/text/slug.ts';
import { speakerSlug } from '../../src/speakers/nickname.ts';
import { assignSpeakers } from '../../src/speakers/assign.ts';
import { parseDay } from '../../src/ingest/parse.ts';
import { pathSlug, personUrl, slugParam } from '../../src/site/urls.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** What a file system refuses in a single path component. */
const fsSafe = (s: string) => s !== '' && s !== '.' && s !== '..' && !/[/\\\u0000]/.test(s) && bytes(s) <= 255;

describe('boundSlug', () => {
  it('leaves short slugs alone', () => {
    for (const s of ['珞珈', 'tim', 'a-b-c', '张三-银联-技术', 'x'.repeat(MAX_SLUG_BYTES)]) expect(boundSlug(s)).toBe(s);
  });

  it('cuts long slugs to at most 80 bytes of UTF-8, at a character boundary, with a stable hash', () => {
    const cjk = '测'.repeat(200); // 600 bytes
    const b = boundSlug(cjk);
    expect(bytes(b)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(b).toMatch(/^测+-[0-9a-f]{8}$/);
    expect(b.endsWith(`-${slugHash(cjk)}`)).toBe(true);
    expect(boundSlug(cjk)).toBe(b); // same name, same slug, every build
    // Emoji are 4 bytes and 2 UTF-16 units: never split into a lone surrogate.
    const emoji = '😀'.repeat(50);
    const e = boundSlug(emoji);
    expect(bytes(e)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(e)).toBe(false); // no lone high surrogate
  });

  it('keeps two long names with the same 80-byte prefix apart', () => {
    const a = boundSlug('长'.repeat(100) + 'a');
    const b = boundSlug('长'.repeat(100) + 'b');
    expect(a).not.toBe(b);
    expect(a.slice(0, -8)).toBe(b.slice(0, -8));
  });

  it('is idempotent and bounded for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const b = boundSlug(s);
        expect(utf8Length(b)).toBe(bytes(b));
        expect(bytes(b)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
        expect(boundSlug(b)).toBe(b);
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('does not make Windows device names', () => {
    expect(boundSlug('con')).toBe('con_');
    expect(boundSlug('LPT1')).toBe('LPT1_');
    expect(boundSlug('console')).toBe('console');
  });
});

describe('speaker slugs and their paths', () => {
  const hostile = [
    '测'.repeat(200),
    'A'.repeat(200),
    '..',
    '.',
    '/',
    'a/../../b',
    '!!!???***',
    '😀😀😀',
    '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}',
    // A quoted header line read as a name (the ENAMETOOLONG case): 96+ characters.
    '「 张三-银联-技术: ' + '这是一条很长的被引用消息，'.repeat(10) + '」 - - - - - -',
    'con',
  ];

  it('gives every hostile name a bounded, file-system-safe slug and path', () => {
    for (const name of hostile) {
      const s = speakerSlug(name);
      expect(bytes(s), name).toBeLessThanOrEqual(MAX_SLUG_BYTES);
      expect(/^[\p{L}\p{N}\p{M}_-]*$/u.test(s), name).toBe(true);
      const p = slugParam(s || 'speaker');
      expect(fsSafe(p), name).toBe(true);
      expect(bytes(p)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    }
  });

  it('bounds pathSlug even for slugs that are not speaker ids (escaping can triple a name)', () => {
    const p = pathSlug('?'.repeat(100));
    expect(bytes(p)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(fsSafe(p)).toBe(true);
    expect(pathSlug(p)).toBe(p);
    expect(fsSafe(pathSlug('..'))).toBe(true);
  });

  it('assigns distinct bounded ids to speakers whose long names differ only at the end', () => {
    const names = ['长'.repeat(100) + '甲', '长'.repeat(100) + '乙', '长'.repeat(100) + '甲-银联', '测'.repeat(200), '测'.repeat(200) + ' '];
    const log = names.map((n, i) => `> 10:00:0${i}  ${n}  \n   \n你好 ${i}  \n   \n`).join('');
    const { day } = parseDay(`---\ntitle: t\ndate: 2020-01-01\n---\n${log}`, 'g/2020-01-01-chat.markdown');
    const { speakers } = assignSpeakers([day]);
    const ids = speakers.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(bytes(id)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
      expect(slugParam(id)).toBe(id);
      expect(decodeURIComponent(personUrl(id))).toBe(`/people/${id}/`);
    }
  });
});
