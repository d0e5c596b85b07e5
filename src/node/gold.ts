// IO edge for evaluation: reads the gold folder (default test/fixtures/gold) and the day logs the gold files
// describe. A gold day's log is taken from `<gold>/logs/<file>` when the folder has it, else from content/logs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GoldFile } from '../eval/gold.ts';
import type { ArchiveInput } from '../model/types.ts';
import { contentDir, readContentMeta } from './load.ts';

export const DEFAULT_GOLD_DIR = 'test/fixtures/gold';

export interface GoldSet {
  dir: string;
  /** Gold files by name, sorted. */
  files: { name: string; gold: GoldFile }[];
  /** content/'s groups, topics and glossary with the gold days' logs. */
  input: ArchiveInput;
  /** Gold files whose log was found nowhere. */
  missing: string[];
}

export function readGold(dir = DEFAULT_GOLD_DIR, content = contentDir()): GoldSet {
  const root = resolve(dir);
  if (!existsSync(root)) throw new Error(`eval: no gold folder at ${root}`);
  const files = readdirSync(root).filter((n) => n.endsWith('.threads.json')).sort()
    .map((name) => ({ name, gold: JSON.parse(readFileSync(join(root, name), 'utf8')) as GoldFile }));
  const logs: ArchiveInput['logs'] = [];
  const missing: string[] = [];
  for (const { name, gold } of files) {
    const path = [join(root, 'logs', gold.file), join(content, 'logs', gold.file)].find((p) => existsSync(p));
    if (!path) { missing.push(name); continue; }
    if (!logs.some((l) => l.file === gold.file)) logs.push({ file: gold.file, source: readFileSync(path, 'utf8') });
  }
  return { dir: root, files, input: { ...readContentMeta(content), logs }, missing };
}
