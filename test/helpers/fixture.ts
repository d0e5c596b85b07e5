// The small fixture site most tests build and read: the content folder's meta files (groups, topics, glossary,
// corrections, privacy) and a handful of real days of content/logs (the 8 days the project shipped before the whole
// archive, which the glossary citations, the gold days and the search dev set were written against).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './site.ts';

export const FIXTURE_DAYS = [
  'devarch/2017-12-19',
  'devarch/2018-08-07',
  'devarch/2018-08-08',
  'prodarch/2017-12-20',
  'prodarch/2018-01-16',
  'proddev/2017-09-20',
  'proddev/2018-06-13',
  'prodrd/2019-01-08',
] as const;

/** Where the fixture content folder is assembled (by test/global-setup.ts, once per run). */
export const FIXTURE_CONTENT = join(ROOT, '.test-sites/fixture-content');

/** Copies the meta files of `source` and the fixture days of its logs into `dest`, replacing what was there. */
export function assembleFixture(source = join(ROOT, 'content'), dest = FIXTURE_CONTENT): string {
  // Assembled beside and renamed into place, so a reader never sees a half-written folder.
  const tmp = `${dest}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'logs'), { recursive: true });
  for (const name of readdirSync(source)) {
    if (name === 'logs' || name === 'backups' || name.startsWith('.')) continue;
    cpSync(join(source, name), join(tmp, name), { recursive: true });
  }
  for (const day of FIXTURE_DAYS) {
    const [group, date] = day.split('/');
    const from = join(source, 'logs', group!, `${date}-chat.markdown`);
    if (!existsSync(from)) throw new Error(`fixture day ${day} is missing from ${source}/logs`);
    mkdirSync(join(tmp, 'logs', group!), { recursive: true });
    cpSync(from, join(tmp, 'logs', group!, `${date}-chat.markdown`));
  }
  writeFileSync(join(tmp, '.complete'), '');
  rmSync(dest, { recursive: true, force: true });
  renameSync(tmp, dest);
  return dest;
}

/** The fixture content folder (assembled on first use when a test runs without the global setup). */
export function fixtureContentDir(): string {
  if (!existsSync(join(FIXTURE_CONTENT, '.complete'))) assembleFixture();
  return FIXTURE_CONTENT;
}

/** The fixture's day logs folder. */
export const fixtureLogsDir = (): string => join(fixtureContentDir(), 'logs');
