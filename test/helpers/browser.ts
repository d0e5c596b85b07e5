// Headless Chromium for end-to-end tests: Debian's /usr/bin/chromium through playwright-core, a fresh
// profile per launch. Locally the tests skip with a clear message when Chromium is missing; in CI
// (CI=true) a missing browser is a failure, never a skip.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `Chromium not found at ${CHROMIUM}: install it with "apt-get install chromium fonts-noto-cjk" (browser tests skipped)`;

/** Throws in CI when Chromium is missing; returns true when browser tests must be skipped locally. */
export function skipBrowserTests(): boolean {
  if (hasChromium) return false;
  if (process.env.CI) throw new Error(`CI: ${SKIP_REASON}`);
  console.warn(SKIP_REASON);
  return true;
}

export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launch(opts: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'cka-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where tests keep screenshots (a CI artefact folder). */
export const ARTEFACTS = join(import.meta.dirname, '../../test-results/screenshots');
