// Checks on the built bundled site (.test-sites/main, built by globalSetup): every page the archive implies
// exists at its DESIGN URL, and every message of every day appears exactly once with its anchor.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_SITE } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { dayUrl, personUrl, threadUrl, topicUrl, groupUrl } from '../../src/site/urls.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const archive = loadArchive(fixtureContentDir());
/** The file a URL path is served from (the server decodes the path, then appends index.html). */
const fileOf = (url: string) => join(MAIN_SITE, decodeURIComponent(url.split('#')[0]!), 'index.html');
const html = (url: string) => readFileSync(fileOf(url), 'utf8');

describe('built site', () => {
  it('has every message of every day exactly once, with its #m<seq> anchor, in order', () => {
    for (const d of archive.days) {
      const ids = [...html(dayUrl(d.id)).matchAll(/<li id="m(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids, d.id).toEqual(d.messages.map((m) => m.seq));
    }
  });
  it('has a page for every group, thread, topic and speaker', () => {
    const urls = [
      ...archive.groups.map((g) => groupUrl(g.slug)),
      ...archive.threads.map((t) => threadUrl(t.id)),
      ...archive.topics.map((t) => topicUrl(t.slug)),
      ...archive.speakers.map((s) => personUrl(s.id)),
      '/', '/topics/', '/people/',
    ];
    const missing = urls.filter((u) => !existsSync(fileOf(u)));
    expect(missing).toEqual([]);
    expect(existsSync(join(MAIN_SITE, '404.html'))).toBe(true);
  });
  it('draws each day timeline with one lane per thread, each linking to its thread page', () => {
    for (const d of archive.days) {
      const page = html(dayUrl(d.id));
      const lanes = [...page.matchAll(/<a href="([^"]+)"[^>]*class="lane"/g)].map((m) => m[1]).sort();
      expect(lanes, d.id).toEqual(archive.threads.filter((t) => t.day === d.id).map((t) => threadUrl(t.id)).sort());
    }
  });
  it('lays a thread out as Q&A, links back to its place in the day, and describes it as DiscussionForumPosting', () => {
    const t = archive.threads.find((x) => x.questionId && x.messageIds.length > 2) ?? archive.threads[0];
    const page = html(threadUrl(t!.id));
    expect(page).toContain(`href="${dayUrl(t!.day)}#m${t!.seq}"`);
    if (t!.questionId) expect(page).toContain('id="q-h"');
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
    expect(ld).not.toBeNull();
    const data = JSON.parse(ld![1]!);
    // No answer in a chat log is ever marked accepted, so no thread may claim to be a QAPage.
    expect(data['@type']).toBe('DiscussionForumPosting');
    expect(data.comment.length).toBe(t!.messageIds.length - 1);
  });
  it('serves a sitemap of every day and thread, and an Atom feed of the newest days, both linked from the head', () => {
    const sitemap = readFileSync(join(MAIN_SITE, 'sitemap.xml'), 'utf8');
    for (const d of archive.days) expect(sitemap).toContain(`${dayUrl(d.id)}</loc>`);
    expect((sitemap.match(/<url>/g) ?? []).length).toBeGreaterThanOrEqual(archive.days.length + archive.threads.length);
    const feed = readFileSync(join(MAIN_SITE, 'feed.xml'), 'utf8');
    expect(feed).toMatch(/^<\?xml/);
    expect((feed.match(/<entry>/g) ?? []).length).toBe(Math.min(20, archive.days.length));
    const newest = [...archive.days].sort((a, b) => b.date.localeCompare(a.date))[0];
    expect(feed.indexOf(dayUrl(newest!.id))).toBeGreaterThan(0);
    const home = html('/');
    expect(home).toContain('href="/feed.xml"');
    expect(home).toContain('href="/sitemap.xml"');
    expect(home).toContain('<html lang="zh-CN"');
  });
  it('has no broken internal link on the pages the site work renders', () => {
    const pages = (readdirSync(MAIN_SITE, { recursive: true }) as string[])
      .filter((f) => f.endsWith('index.html') && !/^(search|glossary)\//.test(f));
    expect(pages.length).toBeGreaterThan(archive.days.length + archive.threads.length);
    const broken = new Set<string>();
    for (const f of pages) {
      for (const [, href] of readFileSync(join(MAIN_SITE, f), 'utf8').matchAll(/href="(\/[^"#?]*)/g)) {
        const path = join(MAIN_SITE, decodeURIComponent(href!.replace(/&amp;/g, '&')));
        if (!existsSync(href!.endsWith('/') ? join(path, 'index.html') : path)) broken.add(`${f} -> ${href}`);
      }
    }
    expect([...broken].slice(0, 20)).toEqual([]);
  });
  it('puts the header navigation on every page', () => {
    const page = html(dayUrl(archive.days[0]!.id));
    for (const href of ['/topics/', '/glossary/', '/people/', '/search/']) expect(page).toContain(`href="${href}"`);
    expect(page).toContain('class="skip-link" href="#main"');
  });
});
