// `npm run synth -- --days N --out <dir> [--seed N] [--groups a,b] [--content]` writes a synthetic logs folder, or with
// --content a whole content folder (<dir>/logs plus the bundled groups, topics, privacy and glossary without its
// citations) that `CKA_CONTENT_DIR=<dir> npm run build` builds as it builds the real archive;
// `npm run synth -- --stats` re-measures the bundled logs into src/synth/stats.json (the generator's model).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDay } from '../src/ingest/parse.ts';
import { collectStats } from '../src/synth/stats.ts';
import { generateLogs } from '../src/synth/generate.ts';
import { contentDir, readLogs } from '../src/node/load.ts';
import { COPIED_META, withoutSources } from '../src/synth/site-content.ts';

const USAGE = 'usage: npm run synth -- --days N --out <dir> [--seed N] [--groups a,b,...] [--content] | --stats [--logs <dir>]';

function main(args: string[]): number {
  let days = 0;
  let out = '';
  let seed = 1;
  let groups: string[] | undefined;
  let stats = false;
  let content = false;
  let logs = join(contentDir(), 'logs');
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--days') days = Number(args[++i]);
    else if (a === '--out') out = args[++i] ?? '';
    else if (a === '--seed') seed = Number(args[++i]);
    else if (a === '--groups') groups = (args[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--stats') stats = true;
    else if (a === '--content') content = true;
    else if (a === '--logs') logs = resolve(args[++i] ?? '');
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else { console.error(`error: unexpected argument "${a}"\n${USAGE}`); return 2; }
  }
  if (stats) {
    const parsed = readLogs(logs).map((l) => parseDay(l.source, l.file).day);
    const s = collectStats(parsed);
    const file = join(dirname(fileURLToPath(import.meta.url)), '../src/synth/stats.json');
    writeFileSync(file, JSON.stringify(s) + '\n');
    console.error(`wrote ${file}: ${s.source.days} days, ${s.source.messages} messages, ${s.vocabulary.length} words`);
    return 0;
  }
  if (!(days > 0) || !out || !Number.isInteger(seed)) { console.error(USAGE); return 2; }
  const root = content ? join(resolve(out), 'logs') : resolve(out);
  if (content) {
    const from = contentDir();
    mkdirSync(join(resolve(out), 'glossary'), { recursive: true });
    for (const f of COPIED_META) if (existsSync(join(from, f))) copyFileSync(join(from, f), join(resolve(out), f));
    const glossary = join(from, 'glossary');
    for (const f of existsSync(glossary) ? readdirSync(glossary).filter((n) => n.endsWith('.md')) : []) {
      writeFileSync(join(resolve(out), 'glossary', f), withoutSources(readFileSync(join(glossary, f), 'utf8')));
    }
  }
  let messages = 0;
  let bytes = 0;
  let n = 0;
  for (const log of generateLogs({ days, seed, groups })) {
    const p = join(root, log.file);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, log.source);
    messages += log.messages;
    bytes += Buffer.byteLength(log.source);
    if (++n % 100 === 0 || n === days) process.stderr.write(`\r${n}/${days} days, ${messages} messages`);
  }
  process.stderr.write(`\nwrote ${n} day logs (${messages} messages, ${(bytes / 1e6).toFixed(1)} MB) to ${root}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
