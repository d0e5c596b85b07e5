// axe-core over the main page kinds, in light and dark mode: no serious or critical violation.
// axe is injected with page.evaluate (the site's CSP blocks any injected <script>, evaluate is not subject to it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, skipBrowserTests } from '../helpers/browser.ts';
import { serveSite } from '../helpers/server.ts';
import { MAIN_SITE, ROOT } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, threadUrl } from '../../src/site/urls.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const skip = skipBrowserTests();
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const archive = loadArchive(fixtureContentDir());
const busiest = [...archive.days].sort((a, b) => b.messages.length - a.messages.length)[0]!;
const thread = archive.threads.filter((t) => t.day === busiest.id).sort((a, b) => b.seqs.length - a.seqs.length)[0]!;
const term = archive.terms[0];
const topic = archive.topics[0];
const PAGES: [string, string][] = [
  ['home', '/'],
  ['day', dayUrl(busiest.id)],
  ['thread', threadUrl(thread.id)],
  ['glossary', term ? `/glossary/${encodeURIComponent(term.slug)}/` : '/glossary/'],
  ['topic', topic ? `/topics/${encodeURIComponent(topic.slug)}/` : '/topics/'],
  ['search', '/search/?q=%E5%AF%B9%E8%B4%A6'],
];

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

describe.skipIf(skip)('accessibility (axe-core)', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let server: { url: string; close: () => Promise<void> };
  let page: Page;
  beforeAll(async () => {
    server = await serveSite(MAIN_SITE);
    browser = await launch();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violation on home, day, thread, glossary, topic and search pages (${scheme})`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const [name, path] of PAGES) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        await page.evaluate(AXE);
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe;
          return (await axe.run(document, { resultTypes: ['violations'] })).violations;
        })) as Violation[];
        for (const v of violations) {
          if (v.impact === 'serious' || v.impact === 'critical') found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')} (${v.nodes.length})`);
        }
      }
      expect(found).toEqual([]);
    }, 180_000);
  }
});
