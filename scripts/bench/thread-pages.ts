// One minimal page per thread, for Pagefind: the peer tool indexes the same threads our search answers with,
// without building the whole Astro site (the search benchmark and the search evaluation both use it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Archive } from '../../src/model/types.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as Record<string, string>)[c]};`);

export function writeThreadPages(archive: Archive, site: string): void {
  const msgs = new Map(archive.days.flatMap((d) => d.messages.map((m) => [m.id, m] as const)));
  for (const th of archive.threads) {
    const body = th.messageIds.map((id) => `<p>${esc(msgs.get(id)!.speaker)}：${esc(msgs.get(id)!.text)}</p>`).join('\n');
    const f = join(site, th.id, 'index.html');
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(th.title)}</title></head><body><main><h1>${esc(th.title)}</h1>\n${body}</main></body></html>`);
  }
  writeFileSync(join(site, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>threads</title></head><body></body></html>');
}
