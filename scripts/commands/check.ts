// check --logs <dir>: validates day logs only; prints `file:line: problem` for each problem, exits 1 if any.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { checkLog, formatProblem } from '../../src/ingest/check.ts';
import { contentDir, listLogFiles } from '../../src/node/load.ts';
import type { Problem } from '../../src/model/types.ts';

export const summary = 'check --logs <dir>  validate day logs; prints file:line: problem, exits 1 if any';

const USAGE = 'usage: npm run cli -- check [--logs <dir>]   (default: the content folder\'s logs/)';

export async function run(args: string[]): Promise<number> {
  let logs: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--logs' && i + 1 < args.length) logs = args[++i];
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else { console.error(`error: unexpected argument "${a}"\n${USAGE}`); return 2; }
  }
  const shown = logs ?? relative(process.cwd(), join(contentDir(), 'logs')) ?? '.';
  const dir = resolve(shown);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`error: logs folder "${shown}" does not exist`);
    return 2;
  }
  const files = listLogFiles(dir);
  const problems: Problem[] = [];
  let messages = 0;
  for (const p of files) {
    const file = relative(dir, p).split('\\').join('/');
    // A folder of one group (`--logs content/logs/devarch`) holds its logs at the top.
    const opts = file.includes('/') ? {} : { group: basename(dir) };
    const r = checkLog(file, readFileSync(p), opts);
    messages += r.parsed?.day.messages.length ?? 0;
    problems.push(...r.problems);
  }
  if (!files.length) problems.push({ file: '.', line: 1, severity: 'error', message: 'no day logs found' });
  for (const p of problems) console.log(formatProblem(p, shown.endsWith('/') ? shown : shown + '/'));
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.error(`checked ${files.length} file(s), ${messages} message(s): ${errors} error(s), ${problems.length - errors} warning(s)`);
  return problems.length ? 1 : 0;
}
