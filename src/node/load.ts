// IO edge: reads a content folder into ArchiveInput, and caches the built Archive per process.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import { buildArchive } from '../core/archive.ts';
import type { Archive, ArchiveInput, Group, Topic } from '../core/types.ts';

/** The content folder: $CKA_CONTENT_DIR, else ./content. */
export function contentDir(): string {
  return resolve(process.env.CKA_CONTENT_DIR ?? 'content');
}

export function listLogFiles(logsDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.markdown') || name.endsWith('.md')) out.push(p);
    }
  };
  if (existsSync(logsDir)) walk(logsDir);
  return out;
}

function readYaml<T>(path: string, fallback: T): T {
  return existsSync(path) ? ((yaml.load(readFileSync(path, 'utf8')) as T) ?? fallback) : fallback;
}

export function readLogs(logsDir: string): ArchiveInput['logs'] {
  return listLogFiles(logsDir).map((p) => ({ file: relative(logsDir, p).split('\\').join('/'), source: readFileSync(p, 'utf8') }));
}

export function readContent(dir = contentDir(), logsDir = join(dir, 'logs')): ArchiveInput {
  const glossaryDir = join(dir, 'glossary');
  const glossary = existsSync(glossaryDir)
    ? readdirSync(glossaryDir).filter((n) => n.endsWith('.md')).sort().map((n) => ({ file: `glossary/${n}`, source: readFileSync(join(glossaryDir, n), 'utf8') }))
    : [];
  const topics = readYaml<{ slug: string; name: string; description?: string; terms?: string[] }[]>(join(dir, 'topics.yaml'), []).map(
    (t): Topic => ({ slug: t.slug, name: t.name, description: t.description ?? '', terms: t.terms ?? [] }),
  );
  return { groups: readYaml<Group[]>(join(dir, 'groups.yaml'), []), topics, glossary, logs: readLogs(logsDir) };
}

const cache = new Map<string, Archive>();

/** The archive of a content folder, built once per process (Astro renders many pages from it). */
export function loadArchive(dir = contentDir()): Archive {
  let a = cache.get(dir);
  if (!a) {
    a = buildArchive(readContent(dir));
    cache.set(dir, a);
  }
  return a;
}
