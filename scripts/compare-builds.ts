// `npx tsx scripts/compare-builds.ts [<commit>] [--out <dir>] [--content <dir>]`
// Builds the export JSON and the static site twice, once from <commit> (default: main) and once from the
// working tree, and compares them file by file. A refactoring that claims "behaviour unchanged" runs this
// before and after: any page, index shard or export field that changed is listed by path.
//
// Both trees are built as fresh copies (the commit from `git archive`, the working tree from its tracked and
// untracked-but-not-ignored files), so leftovers such as .astro/ in the working tree cannot make them differ.
// Both builds read the same content folder (default: each tree's own content/, or --content for both) with the
// same environment, each with its own Astro/embedding cache. Bundled scripts under _astro/ are named by a hash
// of their code, so a change in the client code renames them and every page that links them; the comparison
// therefore also reports, separately, which differences remain once those hashed names are ignored.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]?.startsWith('--')));
const commit = positional[0] ?? 'main';
const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(arg('--out') ?? join(ROOT, '.compare-builds'));
const contentOverride = arg('--content') ? resolve(arg('--content')!) : null;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with ${r.status}:\n${r.stdout}\n${r.stderr}`);
}

/** Builds export.json and site/ of the tree at `tree` into `out`. */
function build(tree: string, out: string): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const content = contentOverride ?? join(tree, 'content');
  const env = { CKA_CONTENT_DIR: content, CKA_CACHE_DIR: join(out, 'cache') };
  const t = Date.now();
  run(process.execPath, [join(tree, 'node_modules/tsx/dist/cli.mjs'), 'scripts/cli.ts', 'export', '--logs', join(content, 'logs'), '--out', join(out, 'export.json')], tree, env);
  run(process.execPath, [join(tree, 'node_modules/astro/astro.js'), 'build', '--outDir', join(out, 'site')], tree, env);
  console.log(`built ${relative(OUT, tree)} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

function files(dir: string, base = dir, acc: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, base, acc);
    else acc.push(relative(base, p));
  }
  return acc;
}

/** `_astro/Base.astro_astro_type_script_index_0_lang.DxYz12_a.js` -> `_astro/Base.astro_astro_type_script_index_0_lang.#.js` */
const HASHED = /(_astro\/[^"'\s)]*?)\.[A-Za-z0-9_-]{8}\.(js|css)/g;
const unhash = (s: string) => s.replace(HASHED, '$1.#.$2');

// 1. Both trees, extracted beside the outputs; node_modules is shared (never installed here).
const sha = execFileSync('git', ['rev-parse', '--short', commit], { cwd: ROOT, encoding: 'utf8' }).trim();
function extract(name: string, tar: Buffer): string {
  const tree = join(OUT, name);
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  execFileSync('tar', ['-x', '-C', tree], { input: tar });
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(tree, 'node_modules'));
  return tree;
}
const big = { cwd: ROOT, maxBuffer: 1 << 30 };
const baseTree = extract('tree-base', execFileSync('git', ['archive', sha], big));
const workFiles = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { ...big, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && existsSync(join(ROOT, f)));
const workTree = extract('tree-work', execFileSync('tar', ['-c', '--null', '-T', '-'], { ...big, input: workFiles.join('\0') }));
build(baseTree, join(OUT, 'base'));
build(workTree, join(OUT, 'work'));

// 2. File by file.
const a = join(OUT, 'base');
const b = join(OUT, 'work');
const listA = ['export.json', ...files(join(a, 'site')).map((f) => `site/${f}`)];
const listB = new Set(['export.json', ...files(join(b, 'site')).map((f) => `site/${f}`)]);
const same: string[] = [];
const differ: string[] = [];
const differUnhashed: string[] = [];
const onlyBase: string[] = [];
for (const f of listA) {
  if (!listB.has(f)) {
    onlyBase.push(f);
    continue;
  }
  listB.delete(f);
  const x = readFileSync(join(a, f));
  const y = readFileSync(join(b, f));
  if (x.equals(y)) same.push(f);
  else {
    differ.push(f);
    if (!/\.(html|xml|json|txt)$/.test(f) || unhash(x.toString('utf8')) !== unhash(y.toString('utf8'))) differUnhashed.push(f);
  }
}
const onlyWork = [...listB];
const unhashedName = (f: string) => unhash(f);
const renamedAssets = new Set(onlyBase.filter((f) => f.includes('_astro/')).map(unhashedName));
const realOnlyWork = onlyWork.filter((f) => !(f.includes('_astro/') && renamedAssets.has(unhashedName(f))));

console.log(`\n${commit} (${sha}) vs working tree: ${same.length} identical, ${differ.length} differ, ${onlyBase.length} only in ${sha}, ${onlyWork.length} only in the working tree`);
for (const f of differ) console.log(`  differs: ${f}${differUnhashed.includes(f) ? '' : '  (only the hashed _astro/ script names)'}`);
for (const f of onlyBase) console.log(`  only in ${sha}: ${f}`);
for (const f of onlyWork) console.log(`  only in working tree: ${f}`);
const substantive = differUnhashed.length + onlyBase.filter((f) => !f.includes('_astro/')).length + realOnlyWork.filter((f) => !f.includes('_astro/')).length;
console.log(
  substantive === 0
    ? differ.length + onlyBase.length + onlyWork.length === 0
      ? 'byte-identical'
      : 'identical except the bundled client scripts under _astro/ (their code changed; pages differ only in the hashed names linking them)'
    : `${substantive} files differ beyond the hashed script names`,
);
for (const t of [baseTree, workTree]) rmSync(t, { recursive: true, force: true });
process.exit(differ.length + onlyBase.length + onlyWork.length === 0 ? 0 : 1);
