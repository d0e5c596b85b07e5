// `npm run bench [-- <section>...]`: runs the benchmark sections in scripts/bench/<section>.ts in order.
// Each section exports `run(args: string[]): Promise<void>` and prints its own table. Benchmarks measure;
// they never fail on a timing.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
// A section is a file exporting `run`; the others are helpers (peer-server, thread-pages) or scripts run on their own
// with `npx tsx` (browser-downloads, ask-downloads, result-spans), which importing would start.
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && /^export async function run\(/m.test(readFileSync(join(dir, f), 'utf8')))
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const chosen = args.filter((a) => all.includes(a));
const unknown = args.filter((a) => !a.startsWith('-') && !all.includes(a));
if (unknown.length) {
  console.error(`error: unknown bench section(s) ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
for (const name of chosen.length ? chosen : all) {
  console.log(`\n## bench: ${name}\n`);
  const mod = await import(pathToFileURL(join(dir, `${name}.ts`)).href);
  await mod.run(args.filter((a) => a.startsWith('-')));
}
