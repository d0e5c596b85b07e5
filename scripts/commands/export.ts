// export --logs <dir> [--out <file>]: the Archive as JSON (DESIGN export contract). PROVISIONAL.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildArchive } from '../../src/core/archive.ts';
import { contentDir, readContent } from '../../src/node/load.ts';
import { toExport } from '../../src/core/export.ts';

export const summary = 'export --logs <dir> [--out <file>]  write the archive as JSON';

export async function run(args: string[]): Promise<number> {
  let logs = 'content/logs';
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--logs') logs = args[++i];
    else if (args[i] === '--out') out = args[++i];
    else { console.error(`error: unexpected argument "${args[i]}"`); return 2; }
  }
  const logsDir = resolve(logs);
  const input = readContent(contentDir(), logsDir);
  const json = JSON.stringify(toExport(buildArchive(input)), null, 1);
  if (out) writeFileSync(out, json + '\n');
  else process.stdout.write(json + '\n');
  void dirname;
  return 0;
}
