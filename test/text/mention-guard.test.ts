import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { filesUnder } from '../helpers/files.ts';

const SRC = join(import.meta.dirname, '../../src');

/** Code without comments (a comment may well say `@name`). */
const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;])\/\/.*$/gm, '$1');

// Looking for an @ in a string: a string method given '@' / '＠', or a regex literal holding one.
const AT_SEARCH = /\.(?:indexOf|lastIndexOf|includes|split|startsWith|endsWith|match|matchAll|replace|replaceAll|search)\(\s*['"`][^'"`]*[@＠]/;
const AT_REGEX = /(?:^|[=(,:!&|?;{}\s])\/(?![/*\s])[^/\n]*[@＠][^/\n]*\/[dgimsuyv]*/m;
const AT_CHAR = /===?\s*['"`][@＠]['"`]/;

/** Files allowed an @ search, and why. */
const ALLOWED: Record<string, string> = {
  // Strips an @ a caller left on a name the parser already read (`@拉卡拉-市场-老孙?`); reads no message text.
  [join('speakers', 'mentions.ts')]: 'normalizes a mentioned name',
  // Splits a nickname at its separators (`李玉福@农信互联`): a speaker's name, not message text.
  [join('speakers', 'nickname.ts')]: 'nickname separators',
  // Measures the exporter's raw format (which separator follows a mention) to write synthetic logs in it.
  [join('synth', 'stats.ts')]: 'statistics of the raw export format',
};

describe('mentions', () => {
  it('are read from message text in src/text only; every other stage reads Message.mentions / mentionIds', () => {
    const found = filesUnder(SRC)
      .filter((f) => /\.(ts|astro)$/.test(f) && !relative(SRC, f).startsWith('text' + sep) && !(relative(SRC, f) in ALLOWED))
      .filter((f) => { const c = code(f); return AT_SEARCH.test(c) || AT_REGEX.test(c) || AT_CHAR.test(c); })
      .map((f) => relative(SRC, f));
    expect(found).toEqual([]);
  });

  it('the guard sees the ways a stage could look for an @', () => {
    const hits = (s: string) => AT_SEARCH.test(s) || AT_REGEX.test(s) || AT_CHAR.test(s);
    expect(hits("for (let i = text.indexOf('@'); i >= 0;)")).toBe(true);
    expect(hits('const names = [...m.text.matchAll(/@(\\S+?)\\s/g)];')).toBe(true);
    expect(hits("const at = /[@＠]/.test(raw);")).toBe(true);
    expect(hits("if (c === '@') n++;")).toBe(true);
    expect(hits("const url = '/people/' + id; const ratio = a / b / c;")).toBe(false);
    // src/text itself is where mentions are read (segments.ts), so the patterns do match there.
    expect(hits(code(join(SRC, 'text', 'segments.ts')))).toBe(true);
  });
});
