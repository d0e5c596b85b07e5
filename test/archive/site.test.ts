// The one build of the whole bundled archive (content/ = the real 719 days; test/archive-setup.ts builds it in the
// background): every day has its page, quiet days read as quiet, the home page and the search index count every
// message, and no internal link is broken. Every other site test reads the small fixture site.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { archiveContentDir, archiveSite, archiveSiteExpected } from '../helpers/archive-site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, groupUrl } from '../../src/site/urls.ts';
import type { Archive } from '../../src/model/types.ts';

let site: string;
let archive: Archive;
const html = (url: string) => readFileSync(join(site, decodeURIComponent(url.split('#')[0]!), 'index.html'), 'utf8');

describe.skipIf(!archiveSiteExpected())('the whole bundled archive as a site', () => {
  beforeAll(async () => {
    archive = loadArchive(archiveContentDir());
    site = await archiveSite();
  });

  it('has a page for every day log, quiet days included, and a quiet day says so', () => {
    const missing = archive.days.filter((d) => !existsSync(join(site, decodeURIComponent(dayUrl(d.id)), 'index.html')));
    expect(missing.map((d) => d.id)).toEqual([]);
    const quiet = archive.days.filter((d) => d.messages.length === 0);
    expect(quiet.length).toBeGreaterThan(0);
    for (const q of quiet) {
      const page = html(dayUrl(q.id));
      expect(page, q.id).toContain('当天无消息');
      expect(page, q.id).not.toContain('class="messages"');
    }
    // A day with messages does not say it.
    const spoken = archive.days.find((d) => d.messages.length > 0)!;
    expect(html(dayUrl(spoken.id))).not.toContain('当天无消息');
  });

  it('lists quiet days on their group page and calendar as quiet, linking them nowhere', () => {
    const quiet = archive.days.filter((d) => d.messages.length === 0);
    for (const group of new Set(quiet.map((d) => d.group))) {
      const page = html(groupUrl(group));
      const mine = quiet.filter((d) => d.group === group);
      // Listed with its date, marked, and no link to its empty page (on the list or on the calendar).
      for (const q of mine) {
        expect(page, q.id).toContain(`<time datetime="${q.date}">`);
        expect(page, q.id).not.toContain(`href="${dayUrl(q.id)}"`);
      }
      expect((page.match(/<p class="meta quiet-day">当天无消息<\/p>/g) ?? []).length).toBe(mine.length);
      // One quiet cell per quiet date of this group (no other group shares the calendar of a group page).
      expect((page.match(/class="cell l0 quiet"/g) ?? []).length).toBe(new Set(mine.map((d) => d.date)).size);
    }
    // Paging from day to day skips quiet days.
    const pages = (readdirSync(site, { recursive: true }) as string[]).filter((f) => /^[^/]+\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(f));
    const quietUrls = new Set(quiet.map((d) => dayUrl(d.id)));
    const pagedToQuiet = pages.filter((f) => [...readFileSync(join(site, f), 'utf8').matchAll(/<a href="([^"]+)" rel="(?:prev|next)">/g)].some((m) => quietUrls.has(m[1]!)));
    expect(pagedToQuiet).toEqual([]);
  });

  it('counts every message of the archive on the home page and in the search index', () => {
    const messages = archive.days.reduce((n, d) => n + d.messages.length, 0);
    expect(html('/').replace(/,/g, '')).toContain(String(messages));
    const manifest = JSON.parse(readFileSync(join(site, 'search/manifest.json'), 'utf8')) as { messageCount: number; threadCount: number };
    expect(manifest.messageCount).toBe(messages);
    expect(manifest.threadCount).toBe(archive.threads.length);
  });

  it('has no broken internal link on any page', () => {
    const pages = (readdirSync(site, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(archive.days.length + archive.threads.length);
    const broken = new Set<string>();
    const seen = new Set<string>();
    for (const f of pages) {
      for (const [, href] of readFileSync(join(site, f), 'utf8').matchAll(/href="(\/[^"#?]*)/g)) {
        if (seen.has(href!)) continue;
        seen.add(href!);
        const path = join(site, decodeURIComponent(href!.replace(/&amp;/g, '&')));
        if (!existsSync(href!.endsWith('/') ? join(path, 'index.html') : path)) broken.add(`${f} -> ${href}`);
      }
    }
    expect([...broken].slice(0, 20)).toEqual([]);
  });
});
