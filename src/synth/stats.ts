// Statistics of real day logs, the model the synthetic generator samples from. Pure: parsed days in,
// a JSON-serialisable SynthStats out. Measured on the raw bodies with plain patterns so that the figures
// do not shift while the parser evolves.
import type { Day } from '../model/types.ts';
import { parseNickname } from '../speakers/assign.ts';
import { quantiles } from './random.ts';

export interface SynthStats {
  version: 1;
  source: { days: number; messages: number; bytes: number };
  messagesPerDay: number[];
  speakersPerDay: number[];
  /** Exponent s of the Zipf law share(rank) ~ rank^-s, fitted on the speakers' activity within a day. */
  zipfS: number;
  /** Messages per hour of day (24 bins). */
  hours: number[];
  /** Hour of each day's first message. */
  firstHours: number[];
  /** Quantiles of the gap in seconds between consecutive messages. */
  gaps: number[];
  /** Quantiles of the visible length (characters) of plain text bodies. */
  textLength: number[];
  /** Share of messages with each feature (a message can have several). */
  shares: {
    empty: number; image: number; imageMonthFolder: number; link: number; linkTitled: number; mention: number;
    emoji: number; quote: number; lostEmoji: number; duplicate: number; me: number; multiLine: number;
  };
  /** How `&` in link targets is escaped: weights for 0,1,2,3 levels of `amp;`. */
  ampLevels: number[];
  /** Character after an @mention: weights. */
  mentionSuffix: [string, number][];
  linkDomains: [string, number][];
  emojis: [string, number][];
  nicknames: {
    /** e.g. `N-C-R-Y` (name, company, role, city in written order; first separator). */
    shapes: [string, number][];
    separators: [string, number][];
    companies: [string, number][];
    roles: [string, number][];
    cities: [string, number][];
    latinNames: string[];
    /** Characters used after the surname in CJK names. */
    givenChars: string;
  };
  /** Segments (words and punctuation) of plain text, most frequent first, with counts. */
  vocabulary: [string, number][];
  /** Payment-industry terms found in the text, with counts, and the share of tokens they make up. */
  terms: [string, number][];
  termRate: number;
}

/** Domain terms the segmenter tends to split (备付金 -> 备|付|金); counted whole so generated text keeps them. */
export const PAYMENT_TERMS = [
  '支付', '清算', '结算', '对账', '分账', '备付金', '收单', '聚合支付', '账户', '账务', '记账', '分录', '流水',
  '银联', '网联', '支付宝', '微信支付', '财付通', '快捷支付', '代扣', '代付', '退款', '手续费', '费率', '风控',
  '反洗钱', '牌照', '商户', '渠道', '通道', '二维码', '条码', '扫码', '备付', '存管', '跨境', '外汇', '汇率',
  '清结算', '头寸', '资金池', '虚拟账户', '余额', '冻结', '解冻', '提现', '充值', '转账', '交易', '订单', '红包',
  '积分', '营销', '分润', '结算周期', 'T+1', 'D+0', '实名', '鉴权', '四要素', '卡bin', '收银台', '网关', '钱包',
  '核心系统', '总账', '会计', '科目', '差错', '调账', '挂账', '冲正', '撤销', '预授权', 'POS', 'MPOS', 'NFC',
];

const CJK = /[\u3400-\u9fff]/;
const URL_RE = /https?:\/\/[^\s)\]]+/g;
const EMOJI_RE = /\[([^\]\[\s()]{1,6})\](?!\()/g;

function top(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

function bump(m: Map<string, number>, k: string, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** The visible text of a body: markup, URLs, emoji codes and mentions removed, lines joined. */
function plain(raw: string): string {
  return raw
    .split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
    .replace(/!?\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(URL_RE, ' ')
    .replace(EMOJI_RE, ' ')
    .replace(/&amp;|&[a-z]+;|&#\d+;/g, ' ')
    .replace(/[@＠]\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Written order of the nickname's parts, as a shape string like `N-C-R-Y`. */
function nicknameShape(raw: string): { shape: string; sep: string } {
  const n = parseNickname(raw);
  const parts: [number, string][] = [];
  const at = (v: string | null, code: string) => {
    if (!v) return;
    const i = raw.indexOf(v.split(/[-－~～_+ ]/)[0]!);
    parts.push([i < 0 ? 99 : i, code]);
  };
  at(n.name, 'N'); at(n.company, 'C'); at(n.role, 'R'); at(n.city, 'Y');
  const sep = /[-－~～_+ ，]/.exec(raw)?.[0] ?? '';
  return { shape: parts.sort((a, b) => a[0] - b[0]).map((p) => p[1]).join(sep || '-') || 'N', sep };
}

export function collectStats(days: Day[]): SynthStats {
  let messages = 0;
  let bytes = 0;
  const messagesPerDay: number[] = [];
  const speakersPerDay: number[] = [];
  const rankShares: number[][] = [];
  const hours = new Array(24).fill(0);
  const firstHours: number[] = [];
  const gaps: number[] = [];
  const textLength: number[] = [];
  const c = { empty: 0, image: 0, imageMonthFolder: 0, link: 0, linkTitled: 0, mention: 0, emoji: 0, quote: 0, lostEmoji: 0, duplicate: 0, me: 0, multiLine: 0 };
  const ampLevels = [0, 0, 0, 0];
  const suffix = new Map<string, number>();
  const domains = new Map<string, number>();
  const emojis = new Map<string, number>();
  const vocab = new Map<string, number>();
  const terms = new Map<string, number>();
  let tokens = 0;
  const nick = { shapes: new Map<string, number>(), seps: new Map<string, number>(), companies: new Map<string, number>(), roles: new Map<string, number>(), cities: new Map<string, number>() };
  const latin = new Set<string>();
  const given = new Set<string>();
  const seenNick = new Set<string>();
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  const termRe = new RegExp([...PAYMENT_TERMS].sort((a, b) => b.length - a.length).map((t) => t.replace(/[+]/g, '\\+')).join('|'), 'g');

  for (const day of days) {
    const ms = day.messages;
    if (!ms.length) continue;
    messages += ms.length;
    bytes += ms.reduce((n, m) => n + Buffer.byteLength(m.raw) + m.speaker.length + 14, 0);
    messagesPerDay.push(ms.length);
    const per = new Map<string, number>();
    for (const m of ms) bump(per, m.speaker);
    speakersPerDay.push(per.size);
    const sorted = [...per.values()].sort((a, b) => b - a);
    rankShares.push(sorted.map((v) => v / ms.length));
    firstHours.push(Number(ms[0]!.time.slice(0, 2)));
    const names = [...per.keys()].filter((n) => n.length >= 1).sort((a, b) => b.length - a.length);

    ms.forEach((m, i) => {
      hours[Number(m.time.slice(0, 2))]++;
      if (i > 0) gaps.push(Math.max(0, m.seconds - ms[i - 1]!.seconds));
      if (m.speaker === '我') c.me++;
      const prev = ms[i - 1];
      if (prev && prev.time === m.time && prev.raw.trim() === m.raw.trim() && m.raw.trim()) c.duplicate++;
      const raw = m.raw;
      const body = raw.trim();
      if (!body) { c.empty++; return; }
      if (raw.split('\n').filter((l) => l.trim()).length > 1) c.multiLine++;
      const img = /!\[[^\]]*\]\(([^)]*)\)/.exec(raw);
      if (img) { c.image++; if (/\/img\/\d{6}\//.test(img[1]!)) c.imageMonthFolder++; }
      const urls = [...raw.replace(/!\[[^\]]*\]\([^)]*\)/g, '').matchAll(URL_RE)].map((u) => u[0]);
      if (urls.length) {
        c.link++;
        if (/\]\(https?:/.test(raw.replace(/!\[[^\]]*\]\([^)]*\)/g, ''))) c.linkTitled++;
        for (const u of urls) {
          const host = /^https?:\/\/([^/?#]+)/.exec(u)?.[1];
          if (host) bump(domains, host.toLowerCase());
          if (u.includes('&amp;amp;amp;')) ampLevels[3]!++;
          else if (u.includes('&amp;amp;')) ampLevels[2]!++;
          else if (u.includes('&amp;')) ampLevels[1]!++;
          else if (u.includes('&')) ampLevels[0]!++;
        }
      }
      if (/[@＠]/.test(raw)) {
        c.mention++;
        for (const at of raw.matchAll(/[@＠]/g)) {
          const rest = raw.slice(at.index! + 1);
          const name = names.find((n) => rest.startsWith(n));
          const after = rest.charAt(name?.length ?? 0);
          // Only the exporter's separators count; anything else means the name continues or was cut.
          if (name && ['?', '\u2005', ' '].includes(after)) bump(suffix, after);
        }
      }
      const codes = [...raw.matchAll(EMOJI_RE)].map((e) => e[1]).filter((e) => !/^https?:/.test(e!));
      if (codes.length) { c.emoji++; for (const e of codes) bump(emojis, e!); }
      if (raw.includes('「')) c.quote++;
      if (/\?\?/.test(raw)) c.lostEmoji++;
      if (!img && !urls.length && !raw.includes('「')) {
        const text = plain(raw);
        if (text) textLength.push([...text].length);
        for (const t of text.match(termRe) ?? []) { bump(terms, t); tokens++; }
        for (const s of seg.segment(text.replace(termRe, ' '))) {
          if (!s.segment.trim()) continue;
          bump(vocab, s.segment);
          tokens++;
        }
      }
    });

    for (const name of per.keys()) {
      if (!name || name === '我' || seenNick.has(name)) continue;
      seenNick.add(name);
      const n = parseNickname(name);
      const { shape, sep } = nicknameShape(name);
      bump(nick.shapes, shape);
      bump(nick.seps, sep || '(none)');
      if (n.company) bump(nick.companies, n.company);
      if (n.role) bump(nick.roles, n.role);
      if (n.city) bump(nick.cities, n.city);
      if (/^[A-Za-z]{2,12}$/.test(n.name)) latin.add(n.name);
      else if (CJK.test(n.name)) for (const ch of [...n.name].slice(1)) if (CJK.test(ch)) given.add(ch);
    }
  }

  // Average share by rank, then a least-squares fit of log(share) = a - s*log(rank).
  const maxRank = Math.max(1, ...rankShares.map((r) => r.length));
  let sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
  for (let r = 0; r < Math.min(maxRank, 40); r++) {
    const vals = rankShares.map((x) => x[r]).filter((v) => v !== undefined);
    if (vals.length < Math.max(1, rankShares.length / 2)) break;
    const y = Math.log(vals.reduce((a, b) => a + b, 0) / vals.length);
    const x = Math.log(r + 1);
    sx += x; sy += y; sxx += x * x; sxy += x * y; k++;
  }
  const zipfS = k > 1 ? -(k * sxy - sx * sy) / (k * sxx - sx * sx) : 1;
  const share = (v: number) => (messages ? Number((v / messages).toFixed(5)) : 0);

  return {
    version: 1,
    source: { days: messagesPerDay.length, messages, bytes },
    messagesPerDay,
    speakersPerDay,
    zipfS: Number(zipfS.toFixed(4)),
    hours,
    firstHours,
    gaps: quantiles(gaps, 100),
    textLength: quantiles(textLength, 100),
    shares: {
      empty: share(c.empty), image: share(c.image), imageMonthFolder: c.image ? Number((c.imageMonthFolder / c.image).toFixed(4)) : 1,
      link: share(c.link), linkTitled: c.link ? Number((c.linkTitled / c.link).toFixed(4)) : 0.5, mention: share(c.mention),
      emoji: share(c.emoji), quote: share(c.quote), lostEmoji: share(c.lostEmoji), duplicate: share(c.duplicate),
      me: share(c.me), multiLine: share(c.multiLine),
    },
    ampLevels,
    mentionSuffix: top(suffix, 5),
    linkDomains: top(domains, 60),
    emojis: top(emojis, 60),
    nicknames: {
      shapes: top(nick.shapes, 30),
      separators: top(nick.seps, 10),
      companies: top(nick.companies, 300),
      roles: top(nick.roles, 100),
      cities: top(nick.cities, 50),
      latinNames: [...latin].sort(),
      givenChars: [...given].sort().join(''),
    },
    vocabulary: top(vocab, 6000),
    terms: top(terms, PAYMENT_TERMS.length),
    termRate: tokens ? Number(([...terms.values()].reduce((a, b) => a + b, 0) / tokens).toFixed(4)) : 0,
  };
}
