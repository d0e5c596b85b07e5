// add <file>... [--group <slug>] [--force]: validates day logs, then copies them byte for byte into
// content/logs/<group>/. All or nothing: when any file is invalid, nothing at all is written.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { checkLog, formatProblem } from '../../src/ingest/check.ts';
import { contentDir, readGroups } from '../../src/node/load.ts';

export const summary = 'add <file>... [--group <slug>] [--force]  validate day logs and copy them into content/logs/';

const USAGE = `usage: npm run cli -- add <file>... [--group <slug>] [--force]
  Copies <YYYY-MM-DD>-chat.markdown files into content/logs/<group>/ after validating them.
  --group  the group the files belong to (default: the name of each file's folder, if it is a group)
  --force  replace days that already exist`;

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

interface Plan {
  src: string;
  dest: string;
  day: string;
  messages: number;
  replaces: boolean;
}

export async function run(args: string[]): Promise<number> {
  const files: string[] = [];
  let group: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--group') {
      if (i + 1 >= args.length) { console.error(`error: --group needs a group slug\n${USAGE}`); return 2; }
      group = args[++i];
    } else if (a === '--force') force = true;
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else if (a!.startsWith('--')) { console.error(`error: unknown option "${a}"\n${USAGE}`); return 2; }
    else files.push(a!);
  }
  if (!files.length) { console.error(`error: no files given\n${USAGE}`); return 2; }

  const content = contentDir();
  const logsRoot = resolve(content, 'logs');
  const groups = readGroups(content);
  const known = new Set(groups.map((g) => g.slug));
  const knownList = groups.map((g) => g.slug).join(', ') || '(none: content/groups.yaml is empty)';
  if (group !== undefined && (!SLUG.test(group) || !known.has(group))) {
    console.error(`error: "${group}" is not a group of content/groups.yaml (groups: ${knownList})`);
    return 2;
  }

  const errors: string[] = [];
  const plans: Plan[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const src = resolve(f);
    if (!existsSync(src) || !statSync(src).isFile()) { errors.push(`${f}: no such file`); continue; }
    let g = group;
    if (g === undefined) {
      const folder = basename(dirname(src));
      if (!known.has(folder)) {
        errors.push(`${f}: cannot tell its group: its folder "${folder}" is not a group of content/groups.yaml; pass --group <slug> (groups: ${knownList})`);
        continue;
      }
      g = folder;
    }
    const name = basename(src);
    const dest = resolve(logsRoot, g, name);
    const rel = relative(logsRoot, dest);
    // Defence in depth: whatever the group or name, nothing is written outside content/logs.
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(/[\\/]/).length !== 2) {
      errors.push(`${f}: destination ${dest} is outside ${logsRoot}; refused`);
      continue;
    }
    const file = `${g}/${name}`;
    const r = checkLog(file, readFileSync(src));
    // Problems name the file as given, so the user can open it.
    for (const p of r.problems) errors.push(formatProblem({ ...p, file: f }));
    if (seen.has(file)) errors.push(`${f}: same day as ${seen.get(file)} (${file})`);
    seen.set(file, f);
    const replaces = existsSync(dest);
    if (replaces && !force) errors.push(`${f}: ${relative(process.cwd(), dest) || dest} already exists; pass --force to replace it`);
    plans.push({ src, dest, day: file.replace(/-chat\.markdown$/, ''), messages: r.parsed?.day.messages.length ?? 0, replaces });
  }
  if (errors.length) {
    for (const e of errors) console.error(e);
    console.error(`error: ${errors.length} problem(s); nothing was written`);
    return 1;
  }
  for (const p of plans) {
    mkdirSync(dirname(p.dest), { recursive: true });
    if (p.src !== p.dest) copyFileSync(p.src, p.dest);
    console.log(`${p.replaces ? 'replaced' : 'added'} ${p.day} (${p.messages} messages) -> ${relative(process.cwd(), p.dest) || p.dest}`);
  }
  void join;
  return 0;
}
