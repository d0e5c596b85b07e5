// The recurring-question pages of the built bundled site (test/global-setup.ts builds it). The 8 fixture days ask no
// question twice under the threshold fitted on the whole archive; the pages of questions asked on several days are
// checked on the whole-archive site (test/archive/questions.test.ts).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_SITE } from '../helpers/site.ts';
import { loadArchive } from '../../src/node/load.ts';
import { recurringQuestions } from '../../src/questions/recurring.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const page = (p: string) => readFileSync(join(MAIN_SITE, p, 'index.html'), 'utf8');

describe('question pages', () => {
  const entries = recurringQuestions(loadArchive(fixtureContentDir()));
  it('/questions/ lists every entry, most asked first, with a topic filter', () => {
    const html = page('questions');
    const links = [...html.matchAll(/href="\/questions\/([^/"]+)\/"/g)].map((m) => m[1]).filter((id) => id !== 'open');
    expect(links).toEqual(entries.map((e) => e.id));
    expect(html).toContain('id="faq-topic"');
  });
  it('/questions/<id>/ shows the time it was asked, and every entry has its page', () => {
    const e = entries.find((x) => x.answered)!;
    const html = page(`questions/${e.id}`);
    const at = e.threadIds.map((id) => html.indexOf(`href="/${id}/"`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    for (const x of entries) expect(existsSync(join(MAIN_SITE, 'questions', x.id, 'index.html')), x.id).toBe(true);
  });
  it('/questions/open/ lists the unanswered questions', () => {
    const html = page('questions/open');
    const open = entries.filter((e) => !e.answered);
    expect(open.length).toBeGreaterThan(0);
    for (const e of open) expect(html).toContain(`href="/questions/${e.id}/"`);
    for (const e of entries.filter((x) => x.answered)) expect(html).not.toContain(`href="/questions/${e.id}/"`);
  });
});
