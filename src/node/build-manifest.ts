// Where the per-target manifests of incremental builds live (the page manifest of page-reuse.ts, the compression
// manifest of compress-reuse.ts): $CKA_CACHE_DIR/<kind>, else .cache/<kind>, one file per target folder.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The manifest of `kind` for the build whose output is `target`. */
export function buildManifestPath(kind: 'pages' | 'compress', target: string, env: NodeJS.ProcessEnv = process.env): string {
  // process.cwd(), not import.meta.dirname: this also runs inside the pages' bundle. Builds run from the project root.
  const root = env.CKA_CACHE_DIR ?? join(process.cwd(), '.cache');
  return join(root, kind, `${sha256(resolve(target)).slice(0, 24)}.json`);
}
