// Every internal link and anchor of a built site: each href/src starting with `/` must name a file of the site
// (a folder URL: its index.html), and each `#fragment` an element id in that file. Reads the HTML as text.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BrokenLink { page: string; href: string; why: string }

function htmlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) htmlFiles(p, out);
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

const decodeAttr = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export function checkLinks(site: string): { pages: number; links: number; anchors: number; broken: BrokenLink[] } {
  const files = htmlFiles(site);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let s = ids.get(file);
    if (!s) {
      s = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => decodeAttr(m[1]!)));
      ids.set(file, s);
    }
    return s;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  let anchors = 0;
  for (const file of files) {
    const page = file.slice(site.length);
    const html = readFileSync(file, 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const href = decodeAttr(m[1]!);
      if (!href.startsWith('/') && !href.startsWith('#')) continue;
      if (href.startsWith('//')) continue;
      links++;
      const [pathAndQuery, hash] = href.split('#', 2) as [string, string | undefined];
      const path = pathAndQuery.split('?')[0]!;
      let target = file;
      if (path !== '') {
        let decoded: string;
        try { decoded = decodeURIComponent(path); } catch { broken.push({ page, href, why: 'bad percent-encoding' }); continue; }
        target = join(site, decoded, decoded.endsWith('/') ? 'index.html' : '');
        if (!existsSync(target) || statSync(target).isDirectory()) { broken.push({ page, href, why: 'no such file' }); continue; }
      }
      if (hash && target.endsWith('.html')) {
        anchors++;
        if (!idsOf(target).has(decodeURIComponent(hash))) broken.push({ page, href, why: `no id "${hash}"` });
      }
    }
  }
  return { pages: files.length, links, anchors, broken };
}
