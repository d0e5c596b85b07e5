import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { filesUnder } from '../helpers/files.ts';

const SRC = join(import.meta.dirname, '../../src');
const ASTRO = ['pages', 'components', 'layouts'].flatMap((d) => filesUnder(join(SRC, d))).filter((f) => /\.(astro|ts)$/.test(f));

// What pages read is computed once per build (src/integrations/prepare.ts) and handed out by siteView(); a page
// that loads or derives it itself would compute on whichever page renders first again.
const FORBIDDEN: [RegExp, string][] = [
  [/from '[^']*node\/load\.ts'/, 'imports src/node/load.ts'],
  [/\bviewModel\s*\(/, 'builds the view model'],
  [/\bglossaryPages\s*\(/, 'builds glossary pages'],
  [/\bgetRelated(?:Result)?\s*\(/, 'computes related discussions'],
  [/\brecurringQuestions\s*\(/, 'groups recurring questions'],
];

describe('pages and components', () => {
  it('read the archive and everything derived from it through siteView() only', () => {
    const found = ASTRO.flatMap((f) => {
      const code = readFileSync(f, 'utf8');
      return FORBIDDEN.filter(([re]) => re.test(code)).map(([, what]) => `${relative(SRC, f)} ${what}`);
    });
    expect(found).toEqual([]);
    // The guard reads real files: the ones that need data do use the accessor.
    const users = ASTRO.filter((f) => readFileSync(f, 'utf8').includes('await siteView()'));
    expect(users.length).toBeGreaterThan(20);
  });
});
