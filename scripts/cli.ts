// The command line: `npm run cli -- <command> [...]`. Each command lives in scripts/commands/<name>.ts
// and exports `run(args: string[]): Promise<number>` (the exit code) and a one-line `summary`.
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const COMMANDS = ['export', 'check', 'add', 'search', 'terms'] as const;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['usage: npm run cli -- <command> [options]', '', 'commands:'];
    for (const c of COMMANDS) {
      const file = join(here, 'commands', `${c}.ts`);
      if (!existsSync(file)) continue;
      const mod = await import(pathToFileURL(file).href);
      lines.push(`  ${c.padEnd(8)} ${mod.summary ?? ''}`);
    }
    console.log(lines.join('\n'));
    return name ? 0 : 2;
  }
  const file = join(here, 'commands', `${name}.ts`);
  if (!(COMMANDS as readonly string[]).includes(name) || !existsSync(file)) {
    console.error(`error: unknown command "${name}" (try: npm run cli -- --help)`);
    return 2;
  }
  const mod = await import(pathToFileURL(file).href);
  return mod.run(rest);
}

// Exit only once stdout has been flushed: process.exit() right after a large write to a pipe
// (`export | jq`) would cut the JSON short.
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(exit, (err) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  exit(1);
});
