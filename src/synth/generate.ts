// Synthetic day logs in the exporter's exact format, sampled from SynthStats. Pure and deterministic:
// the same options give byte-identical files, so benchmarks and tests at 1,000 or 10,000 days are
// reproducible without committing the archives.
import defaultStats from './stats.json' with { type: 'json' };
import type { SynthStats } from './stats.ts';
import { fromQuantiles, rng, Weighted, type Rng } from './random.ts';

export interface GenerateOptions {
  /** Number of day logs to write (spread round-robin over the groups, consecutive dates per group). */
  days: number;
  seed?: number;
  groups?: string[];
  stats?: SynthStats;
  /** First date, YYYY-MM-DD (default 2017-09-01). */
  start?: string;
}

export interface SynthLog {
  /** `<group>/<YYYY-MM-DD>-chat.markdown` */
  file: string;
  source: string;
  /** Number of `> HH:MM:SS  speaker` headers written (the parser must find exactly these). */
  messages: number;
}

export const DEFAULT_GROUPS = ['devarch', 'prodarch', 'proddev', 'prodrd'];
export const DEFAULT_STATS = defaultStats as SynthStats;

// Common surnames, so generated CJK names parse as person names.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const FALLBACK_GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建红文辉力飞鹏宇浩凯';

interface Person { display: string; weight: number }

function hashSeed(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (i + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function weighted<T>(pairs: [T, number][], fallback: T): Weighted<T> {
  return pairs.length ? new Weighted(pairs.map((p) => p[0]), pairs.map((p) => p[1])) : new Weighted([fallback], [1]);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function clock(sec: number): string {
  return `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A population of speakers with nicknames shaped like the real ones and Zipf-like overall activity. */
function population(stats: SynthStats, size: number, r: Rng): Person[] {
  const nk = stats.nicknames;
  const shapes = weighted(nk.shapes, 'N-C-R');
  const companies = weighted(nk.companies, '支付公司');
  const roles = weighted(nk.roles, '产品');
  const cities = weighted(nk.cities, '上海');
  const given = [...(nk.givenChars || FALLBACK_GIVEN)];
  const latinShare = nk.latinNames.length / Math.max(1, nk.shapes.reduce((a, s) => a + s[1], 0));
  const seen = new Set<string>(['我', '']);
  const out: Person[] = [];
  while (out.length < size) {
    let name: string;
    if (nk.latinNames.length && r.chance(latinShare)) name = r.pick(nk.latinNames) + (r.chance(0.5) ? String(r.int(1, 99)) : '');
    else name = r.pick([...SURNAMES]) + r.pick(given) + (r.chance(0.6) ? r.pick(given) : '');
    const shape = shapes.sample(r);
    const sep = /[^NCRY]/.exec(shape)?.[0] ?? '-';
    const parts = shape.split(/[^NCRY]/).filter(Boolean).map((code) =>
      code === 'N' ? name : code === 'C' ? companies.sample(r) : code === 'R' ? roles.sample(r) : cities.sample(r));
    let display = parts.length ? parts.join(sep) : name;
    while (seen.has(display)) display += r.pick(given);
    seen.add(display);
    out.push({ display, weight: 1 / Math.pow(out.length + 1, 0.9) });
  }
  return out;
}

interface Model {
  stats: SynthStats;
  people: Person[];
  pop: Weighted<Person>;
  vocab: Weighted<string>;
  terms: Weighted<string>;
  domains: Weighted<string>;
  emojis: Weighted<string>;
  suffix: Weighted<string>;
  amp: Weighted<number>;
  hours: Weighted<number>;
}

/** Fixed population size, so that a shorter archive is a prefix of a longer one with the same seed. */
const POPULATION = 3000;

function model(stats: SynthStats, seed: number): Model {
  const r = rng(hashSeed(seed, -1));
  const people = population(stats, POPULATION, r);
  return {
    stats,
    people,
    pop: new Weighted(people, people.map((p) => p.weight)),
    vocab: weighted(stats.vocabulary, '支付'),
    terms: weighted(stats.terms, '清算'),
    domains: weighted(stats.linkDomains, 'mp.weixin.qq.com'),
    emojis: weighted(stats.emojis, '强'),
    suffix: weighted(stats.mentionSuffix, '?'),
    amp: new Weighted([0, 1, 2, 3], stats.ampLevels.some((x) => x > 0) ? stats.ampLevels : [1, 0, 0, 0]),
    hours: new Weighted([...Array(24).keys()], stats.hours.some((x) => x > 0) ? stats.hours : new Array(24).fill(1)),
  };
}

function sentence(m: Model, r: Rng, length: number): string {
  let s = '';
  while ([...s].length < length) {
    const t = r.chance(m.stats.termRate) ? m.terms.sample(r) : m.vocab.sample(r);
    // Latin words need a space between them, as people type them.
    s += /[A-Za-z0-9]$/.test(s) && /^[A-Za-z0-9]/.test(t) ? ' ' + t : t;
  }
  // A body line must never look like a header, a front-matter fence or a list of markup.
  return s.replace(/^[>\-#!\s]+/, '').trim() || '好的';
}

function url(m: Model, r: Rng): string {
  const host = m.domains.sample(r);
  const path = Array.from({ length: r.int(1, 3) }, () => r.int(1000, 999999).toString(36)).join('/');
  if (!r.chance(0.5)) return `https://${host}/${path}`;
  const amp = ['&', '&amp;', '&amp;amp;', '&amp;amp;amp;'][m.amp.sample(r)];
  const q = Array.from({ length: r.int(2, 5) }, (_, i) => `${['mid', 'idx', 'sn', 'id', 'scene', 'from'][i % 6]}=${r.int(1, 99999999).toString(16)}`).join(amp);
  return `http${r.chance(0.7) ? 's' : ''}://${host}/${path}?${q}`;
}

function textBody(m: Model, r: Rng, others: string[]): string {
  const sh = m.stats.shares;
  const len = Math.max(1, Math.round(fromQuantiles(m.stats.textLength, r)));
  let body = sentence(m, r, len);
  if (others.length && r.chance(sh.mention)) body = `@${r.pick(others)}${m.suffix.sample(r)}${body}`;
  if (r.chance(sh.emoji)) {
    const e = `[${m.emojis.sample(r)}]`;
    body += r.chance(0.25) ? e + e : e;
  }
  if (r.chance(sh.lostEmoji)) body += '??';
  if (others.length && r.chance(sh.quote)) {
    const colon = r.chance(0.7) ? '：' : ': ';
    body = `「${r.pick(others)}${colon}${sentence(m, r, r.int(6, 40))}」 - - - - - - - - - - - - - - - ${body}`;
  }
  if (r.chance(sh.multiLine)) body += `  \n${sentence(m, r, r.int(5, 30))}`;
  return body;
}

function day(m: Model, r: Rng, date: string): { source: string; messages: number } {
  const st = m.stats;
  const idx = r.int(0, st.messagesPerDay.length - 1);
  const planned = Math.max(1, Math.round(st.messagesPerDay[idx]! * (0.6 + 0.8 * r.next())));
  const k = Math.max(2, Math.min(m.people.length, Math.round((planned * st.speakersPerDay[idx]!) / st.messagesPerDay[idx]!)));
  const chosen = new Set<Person>();
  for (let tries = 0; chosen.size < k && tries < k * 20; tries++) chosen.add(m.pop.sample(r));
  const speakers = [...chosen].map((p) => p.display);
  const activity = new Weighted(speakers, speakers.map((_, i) => 1 / Math.pow(i + 1, st.zipfS)));

  // Times: a start hour, then gaps from the real distribution, squeezed if they would pass midnight.
  const start = (st.firstHours.length ? r.pick(st.firstHours) : m.hours.sample(r)) * 3600 + r.int(0, 3599);
  const gaps = Array.from({ length: planned }, (_, i) => (i === 0 ? 0 : Math.round(fromQuantiles(st.gaps, r))));
  const total = gaps.reduce((a, b) => a + b, 0);
  const scale = start + total > 86399 ? (86399 - start) / Math.max(1, total) : 1;

  const blocks: string[] = [];
  const counts = new Map<string, number>();
  let t = start;
  let written = 0;
  const [yyyy, mm, dd] = date.split('-');
  for (let i = 0; i < planned; i++) {
    t = Math.min(86399, t + Math.floor(gaps[i]! * scale));
    const time = clock(t);
    const who = activity.sample(r);
    counts.set(who, (counts.get(who) ?? 0) + 1);
    const others = speakers.filter((s) => s !== who);
    let body: string;
    const x = r.next();
    const sh = st.shares;
    if (x < sh.empty) body = '';
    else if (x < sh.empty + sh.image) {
      const folder = r.chance(sh.imageMonthFolder) ? `${yyyy}${mm}/` : '';
      body = `![${date} ${time}](http://static.cocolian.cn/img/${folder}${yyyy}${mm}${dd}_${time.replace(/:/g, '')}.png) `;
    } else if (x < sh.empty + sh.image + sh.link) {
      body = r.chance(sh.linkTitled)
        ? `[${sentence(m, r, r.int(8, 30))}](${url(m, r)})  `
        : `${r.chance(0.5) ? sentence(m, r, r.int(4, 20)) + ' ' : ''}${url(m, r)}  `;
    } else body = textBody(m, r, others) + '  ';
    const block = `> ${time}  ${who}  \n   \n${body ? body + '\n   \n' : '   \n'}`;
    blocks.push(block);
    written++;
    // The exporter writes some messages twice at the same second, the copy under its own name.
    if (body && r.chance(sh.duplicate)) {
      blocks.push(`> ${time}  我  \n   \n${body}\n   \n`);
      written++;
    }
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const author = r.chance(0.5) ? '"PaymentGroup"' : top;
  const front = ['---', 'layout:     source ', `title:      "${date}-WeChat"`, `date:       ${date} 12:00:00`,
    `author:     ${author}`, `lines:      ${Math.round(written * 0.45)} `, 'tag:       [chat]', '---', ''].join('\n');
  return { source: front + blocks.join(''), messages: written };
}

/** Day logs, one per (group, date); lazily, so a 10,000-day archive can stream to disk. The first n days
 *  of a longer archive equal an n-day archive with the same seed. */
export function* generateLogs(opts: GenerateOptions): Generator<SynthLog> {
  const seed = opts.seed ?? 1;
  const groups = opts.groups?.length ? opts.groups : DEFAULT_GROUPS;
  const m = model(opts.stats ?? DEFAULT_STATS, seed);
  const start = opts.start ?? '2017-09-01';
  for (let i = 0; i < opts.days; i++) {
    const group = groups[i % groups.length];
    const date = addDays(start, Math.floor(i / groups.length));
    const r = rng(hashSeed(seed, i));
    const d = day(m, r, date);
    yield { file: `${group}/${date}-chat.markdown`, source: d.source, messages: d.messages };
  }
}
