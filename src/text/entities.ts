// HTML entities: the one decoder for message bodies, speaker names, nicknames and front matter. The exporter
// escaped some bodies once, some several times (`&amp;amp;amp;` in URLs, `&amp;#160;`), so we decode until the
// string stops changing. Pure and browser-safe.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', hellip: '…', mdash: '—', ndash: '–', middot: '·', ldquo: '“', rdquo: '”',
  lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', yen: '¥',
  times: '×', divide: '÷', bull: '•', deg: '°', plusmn: '±',
};
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;

function decodeOnce(s: string): string {
  return s.replace(ENTITY, (all, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // Keep invalid code points (and NUL) as written rather than inventing characters.
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : all;
    }
    const v = NAMED[name.toLowerCase()];
    return v === undefined ? all : v;
  });
}

/** Decodes HTML entities repeatedly until stable (bounded: at most 8 rounds). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  for (let i = 0; i < 8; i++) {
    const next = decodeOnce(s);
    if (next === s) return s;
    s = next;
  }
  return s;
}
