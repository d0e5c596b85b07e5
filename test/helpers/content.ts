// Temporary content folders made of real days, and the real CLI run on them as a child process.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const ARCHIVE = join(ROOT, '../shared/archive');
export const VARIANTS = join(ROOT, '../shared/archive-variants');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** A content folder with the bundled groups, topics and glossary, and the given real days (`<group>/<date>`). */
export function tempContent(days: string[], opts: { glossary?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cka-maint-'));
  const content = join(dir, 'content');
  mkdirSync(join(content, 'logs'), { recursive: true });
  copyFileSync(join(ROOT, 'content/groups.yaml'), join(content, 'groups.yaml'));
  copyFileSync(join(ROOT, 'content/topics.yaml'), join(content, 'topics.yaml'));
  if (opts.glossary !== false) cpSync(join(ROOT, 'content/glossary'), join(content, 'glossary'), { recursive: true });
  for (const d of days) {
    const [g, date] = d.split('/');
    mkdirSync(join(content, 'logs', g!), { recursive: true });
    copyFileSync(join(ARCHIVE, g!, `${date}-chat.markdown`), join(content, 'logs', g!, `${date}-chat.markdown`));
  }
  return content;
}

export interface CliResult { status: number | null; stdout: string; stderr: string; out: string }

const env = (content: string, extra: Record<string, string> = {}) => ({ ...process.env, CKA_CONTENT_DIR: content, ...extra });

/** `npm run cli -- <args>` as a child process on a content folder. */
export function cli(content: string, args: string[], extra: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: env(content, extra) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
}

/** The same, without waiting: for two runs at once. */
export function cliAsync(content: string, args: string[], extra: Record<string, string> = {}): Promise<CliResult & { endedAt: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [TSX, join(ROOT, 'scripts/cli.ts'), ...args], { cwd: ROOT, env: env(content, extra) });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr, out: stdout + stderr, endedAt: Date.now() }));
  });
}
