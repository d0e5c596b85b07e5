// Finds personal numbers and addresses in chat text and masks them. Pure and dependency-free: the ingest
// stage runs it once over every message reading, so pages, search index, feed, JSON-LD and export all see
// the masked text and none of them needs to know about privacy.
//
// Precision matters as much as recall: the logs are full of order numbers, timestamps, amounts and ids.
// So every kind needs boundaries (no digit, letter or `.` glued to either side) and, where the number
// has one, a valid check digit: ID cards (ISO 7064 MOD 11-2, plus a real birth date) and bank cards
// (Luhn, plus an issuer prefix). All patterns are linear (no nested quantifiers).

export type PiiKind = 'phone' | 'email' | 'idcard' | 'bankcard';
export const PII_KINDS: readonly PiiKind[] = ['phone', 'email', 'idcard', 'bankcard'];

/** What the reader sees instead of the number; never contains a digit of the original. */
export const PII_MASK: Record<PiiKind, string> = {
  phone: '[电话已隐去]',
  email: '[邮箱已隐去]',
  idcard: '[身份证号已隐去]',
  bankcard: '[银行卡号已隐去]',
};

export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

export interface RedactOptions {
  kinds: readonly PiiKind[];
  /** Exact strings never masked (e.g. a company hotline); compared with separators removed. */
  allow: readonly string[];
}

export const DEFAULT_REDACT: RedactOptions = { kinds: PII_KINDS, allow: [] };

// Not glued to another digit/letter/dot: `0.13812345678` (an amount) or `TX13812345678` (an id) are not phones.
const L = String.raw`(?<![0-9A-Za-z.])`;
const R = String.raw`(?![0-9A-Za-z])`;
const MOBILE = String.raw`(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}`;
// A landline needs its area code written with a separator: `010-12345678`, `(0755)8765 4321`, `0571-8888888-123`.
const LANDLINE = String.raw`(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-)[- ]?[2-9]\d{2,3}[- ]?\d{4}(?:-\d{1,4})?`;
const PHONE_RE = new RegExp(`${L}(?:${MOBILE}|${LANDLINE})${R}`, 'g');
// Local part and domain without nested quantifiers; the TLD is letters only, so `a@b.1` is not an address.
// Not right after `//`: `https://bank.example@evil.example/` is a URL's userinfo, shown as a URL.
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])(?<!\/\/)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,12}(?![A-Za-z0-9])/g;
const IDCARD_RE = new RegExp(`${L}[1-9]\\d{16}[\\dXx]${R}`, 'g');
// 16–19 digits, optionally in groups of four separated by one space or hyphen.
const CARD_RE = new RegExp(`${L}\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?${R}`, 'g');

const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, '').toUpperCase();

/** ISO 7064 MOD 11-2 check digit and a plausible birth date (1900–2099) of an 18-character PRC ID number. */
export function validIdCard(s: string): boolean {
  const d = digitsOf(s);
  if (!/^[1-9]\d{16}[\dX]$/.test(d)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(d[i]) * (weights[i] ?? 0);
  if ('10X98765432'[sum % 11] !== d[17]) return false;
  const y = Number(d.slice(6, 10));
  const m = Number(d.slice(10, 12));
  const day = Number(d.slice(12, 14));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

// Issuers seen on Chinese cards: UnionPay 62, Visa 4, Mastercard 51–55/22–27, JCB 35, domestic debit 60.
// Not 1x/20/21: those are how order numbers and timestamps (2018050312…) start.
const CARD_PREFIX = /^(?:62|4|5[1-5]|2[2-7]|35|60)/;

export function validBankCard(s: string): boolean {
  const d = s.replace(/[ -]/g, '');
  return /^\d{16,19}$/.test(d) && CARD_PREFIX.test(d) && luhn(d);
}

/** Every personal number or address in `text`, in order, not overlapping (earlier and longer wins). */
export function findPii(text: string, opts: RedactOptions = DEFAULT_REDACT): PiiHit[] {
  // Cheap exit: every kind needs a run of digits or an @.
  if (!/\d{7}|@/.test(text.replace(/[- ]/g, ''))) return [];
  const want = new Set(opts.kinds);
  const allow = new Set(opts.allow.map((a) => a.replace(/[\s\-()（）]/g, '').toLowerCase()));
  const hits: PiiHit[] = [];
  const scan = (re: RegExp, kind: PiiKind, ok: (s: string) => boolean = () => true) => {
    if (!want.has(kind)) return;
    for (const m of text.matchAll(re)) {
      const s = m[0];
      if (ok(s) && !allow.has(s.replace(/[\s\-()（）]/g, '').toLowerCase())) hits.push({ kind, start: m.index, end: m.index + s.length, text: s });
    }
  };
  scan(EMAIL_RE, 'email');
  scan(IDCARD_RE, 'idcard', validIdCard);
  scan(CARD_RE, 'bankcard', validBankCard);
  scan(PHONE_RE, 'phone');
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiHit[] = [];
  for (const h of hits) if (!out.length || h.start >= out[out.length - 1]!.end) out.push(h);
  return out;
}

/** `text` with every hit replaced by its kind's mask. Returns the same string when nothing matched. */
export function redactText(text: string, opts: RedactOptions = DEFAULT_REDACT): string {
  const hits = findPii(text, opts);
  if (!hits.length) return text;
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + PII_MASK[h.kind];
    at = h.end;
  }
  return out + text.slice(at);
}
