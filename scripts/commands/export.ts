// export --logs <dir> [--out <file>]: the Archive as JSON (DESIGN export contract), after validation.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { formatProblem, sortProblems } from '../../src/ingest/check.ts';
import { toExport } from '../../src/pipeline/export.ts';
import { NO_PRIVACY } from '../../src/ingest/privacy.ts';
import { contentDir, readContentMeta, readLogsChecked } from '../../src/node/load.ts';
import { checkLogSet } from '../../src/ingest/checks/index.ts';

export const summary = 'export --logs <dir> [--out <file>] [--raw]  write the archive as JSON (stdout without --out; --raw: unmasked)';

const USAGE = 'usage: npm run cli -- export [--logs <dir>] [--out <file>] [--raw]   (default logs: the content folder\'s logs/)';

export async function run(args: string[]): Promise<number> {
  let logs: string | undefined;
  let out: string | undefined;
  let raw = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--logs' && i + 1 < args.length) logs = args[++i];
    else if (a === '--out' && i + 1 < args.length) out = args[++i];
    // --raw: numbers and opted-out names as in the logs, for the archive's owner only; never used for the site.
    else if (a === '--raw') raw = true;
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else { console.error(`error: unexpected argument "${a}"\n${USAGE}`); return 2; }
  }
  const content = contentDir();
  const logsDir = resolve(logs ?? resolve(content, 'logs'));
  if (!existsSync(logsDir) || !statSync(logsDir).isDirectory()) {
    console.error(`error: logs folder "${logs ?? logsDir}" does not exist`);
    return 2;
  }
  // Never export from broken input: the same errors that stop the site build stop the export.
  const checked = readLogsChecked(logsDir);
  const archive = buildArchive({ ...readContentMeta(content), ...(raw ? { privacy: NO_PRIVACY } : {}), logs: checked.logs });
  // The content checks (two files of one day, citations that name the wrong message) stop it too.
  const byFile = new Map(archive.days.map((d) => [d.file, d]));
  const set = checkLogSet(checked.logs.flatMap((l) => { const day = byFile.get(l.file); return day ? [{ ...l, day }] : []; }), { groups: archive.groups.map((g) => g.slug) });
  const errors = sortProblems([...checked.problems, ...archive.problems, ...set]).filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of errors) console.error(formatProblem(p));
    console.error(`error: ${errors.length} problem(s) in ${logs ?? logsDir}; nothing exported (run: npm run cli -- check --logs <dir>)`);
    return 1;
  }
  const json = JSON.stringify(toExport(archive), null, 1) + '\n';
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, json);
    console.error(`exported ${archive.days.length} day(s), ${archive.days.reduce((n, d) => n + d.messages.length, 0)} message(s) to ${out}`);
  } else process.stdout.write(json);
  return 0;
}
