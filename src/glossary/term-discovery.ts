// New-term discovery for maintainers: unsupervised candidate terms from raw Chinese chat text.
// Chinese has no spaces, so a "word" is a string of characters that (1) recurs, (2) holds together more
// than chance would predict (cohesion: the weakest split's pointwise mutual information) and (3) appears in
// varied contexts on both sides (left/right boundary entropy). 分录 followed by 流水 again and again, with
// many different characters before 分 and after 水, is what makes 分录流水 a term and 录流 not one.

export interface DiscoveryInput {
  id: string;
  /** The message's words, as Message.plain holds them (no URLs, emoji codes or mentions). */
  text: string;
}

export interface Candidate {
  term: string;
  score: number;
  frequency: number;
  /** Number of distinct messages containing it. */
  messages: number;
  cohesion: number;
  leftEntropy: number;
  rightEntropy: number;
  /** Id of a message where it occurs (the first). */
  exampleId: string;
}

export interface DiscoveryOptions {
  minFrequency?: number;
  maxLength?: number;
  /** Strings already known (glossary terms and aliases); candidates equal to or inside one are dropped. */
  known?: readonly string[];
  /** Strings whose parts are not terms: speakers' display names (名字-公司-职位-城市) produce 北京, 产品经理... */
  exclude?: readonly string[];
  limit?: number;
}

// A unit is one CJK character or one Latin/digit word; runs of units are broken by anything else.
const UNIT = /[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9]+(?:[+.][a-z0-9]+)*/g;
const RUN = /(?:[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9]+(?:[+.][a-z0-9]+)*)+/g;
const CJK = /^[\u3400-\u9fff\uf900-\ufaff]$/;
// Function characters that rarely start or end a term; an n-gram edged by one is a phrase fragment.
const EDGE_STOP = new Set('的了是在我你他她它们也就都和与或吗吧啊呢嘛哦哈呀么这那个有没不很还要会能可说对到把被让给从去来上下一啥咋怎么如果但而且就是'.split(''));
// Everyday words that pass every statistical test (they are cohesive and free-standing) but are not jargon.
const COMMON = new Set(
  ('应该 自己 直接 谢谢 然后 因为 所以 已经 大家 大家好 目前 情况 希望 问题 时间 工作 学习 必须 简单 比较 进行 相关 基本 考虑 开始 另外 ' +
    '根据 通过 支持 感谢 之前 群里 成功 领导 经验 具体 判断 感觉 记录 操作 按照 影响 介绍 需求 设计 讨论 提供 负责 欢迎 欢迎欢迎 分享 ' +
    '现在 一般 可以 知道 觉得 如何 什么 为什么 怎么样 其实 还是 或者 不过 但是 而且 如果 只是 以前 以后 今天 明天 昨天 时候 东西 事情 ' +
    '朋友 请教 请问 各位 大神 老师 兄弟 哈哈 哈哈哈 好的 收到 需要 没有 不是 这个 那个 这样 那样 这些 那些 一样 一下 一点 方面 主要 ' +
    '重要 关键 肯定 确实 可能 估计 理解 意思 明白 清楚 问下 实际 完全 特别 非常 真的 所有 部分 之后 同时 而是 还有 以及 并且 内容 方式 ' +
    '方法 结果 原因 作用 能力 机会 世界 中国 国家 社会 生活 身体 晚上 早上 下午 中午 小时 分钟 每天 个人 我们 你们 他们').split(' '),
);
const LATIN_STOP = new Set(['http', 'https', 'www', 'com', 'cn', 'html', 'the', 'and', 'png', 'jpg', 'img', 'static', 'cocolian', 'mp', 'weixin', 'qq', 's', 'id', 'ok', 'amp', 'gt', 'lt', 'nbsp', 'quot']);

/** `plain`: a message's words (Message.plain: no URLs, emoji codes or mentions). */
function runsOf(plain: string): string[][] {
  return (plain.toLowerCase().match(RUN) ?? []).map((r) => r.match(UNIT) ?? []);
}

function entropy(counts: Map<string, number>, boundaries: number): number {
  let total = boundaries;
  for (const c of counts.values()) total += c;
  if (total === 0) return 0;
  let h = 0;
  for (const c of counts.values()) h -= (c / total) * Math.log2(c / total);
  // Each run boundary counts as a distinct neighbour: a term that often starts a message is still well bounded.
  h -= boundaries * (1 / total) * Math.log2(1 / total);
  return h;
}

export function discoverTerms(inputs: DiscoveryInput[], opts: DiscoveryOptions = {}): Candidate[] {
  const minFreq = opts.minFrequency ?? 3;
  const maxLen = opts.maxLength ?? 6;
  const freq = new Map<string, number>();
  const msgs = new Map<string, Set<string>>();
  const left = new Map<string, Map<string, number>>();
  const right = new Map<string, Map<string, number>>();
  const leftB = new Map<string, number>();
  const rightB = new Map<string, number>();
  let total = 0;
  const sep = '\u0001'; // joins Latin units inside a key so "t+0" and "t" "+0" never collide

  // Pass 1: frequencies of every n-gram (n <= maxLen + 1 is not needed; neighbours are counted in pass 2).
  const allRuns = inputs.map((m) => ({ id: m.id, runs: runsOf(m.text) }));
  for (const { runs } of allRuns) {
    for (const r of runs) {
      total += r.length;
      for (let i = 0; i < r.length; i++) {
        for (let n = 1; n <= maxLen && i + n <= r.length; n++) {
          const k = r.slice(i, i + n).join(sep);
          freq.set(k, (freq.get(k) ?? 0) + 1);
        }
      }
    }
  }
  // Pass 2: neighbours and message sets only for frequent n-grams (keeps memory small).
  for (const { id, runs } of allRuns) {
    for (const r of runs) {
      for (let i = 0; i < r.length; i++) {
        for (let n = 1; n <= maxLen && i + n <= r.length; n++) {
          const k = r.slice(i, i + n).join(sep);
          if ((freq.get(k) ?? 0) < minFreq) break; // longer n-grams starting here are rarer still
          let s = msgs.get(k);
          if (!s) msgs.set(k, (s = new Set()));
          s.add(id);
          if (i > 0) bump(left, k, r[i - 1]!);
          else leftB.set(k, (leftB.get(k) ?? 0) + 1);
          if (i + n < r.length) bump(right, k, r[i + n]!);
          else rightB.set(k, (rightB.get(k) ?? 0) + 1);
        }
      }
    }
  }

  const known = (opts.known ?? []).map((w) => w.toLowerCase()).filter(Boolean);
  const exclude = (opts.exclude ?? []).map((w) => w.toLowerCase());
  const p = (k: string) => (freq.get(k) ?? 0) / total;
  const out: Candidate[] = [];
  for (const [k, f] of freq) {
    if (f < minFreq) continue;
    const units = k.split(sep);
    const isLatinWord = units.length === 1 && !CJK.test(units[0]!);
    if (units.length === 1 && !isLatinWord) continue; // single characters are not terms
    if (isLatinWord && (units[0]!.length < 3 || /^\d+$/.test(units[0]!) || LATIN_STOP.has(units[0]!))) continue;
    if (EDGE_STOP.has(units[0]!) || EDGE_STOP.has(units[units.length - 1]!)) continue;
    const term = units.join('');
    if (COMMON.has(term) || known.some((w) => w.includes(term)) || exclude.some((w) => w.includes(term))) continue;
    let cohesion = Infinity;
    for (let s = 1; s < units.length; s++) {
      const a = units.slice(0, s).join(sep);
      const b = units.slice(s).join(sep);
      cohesion = Math.min(cohesion, Math.log2(p(k) / (p(a) * p(b))));
    }
    if (isLatinWord) cohesion = Math.log2(1 / p(k)) / 2; // no split to measure; rarer words are more specific
    const le = entropy(left.get(k) ?? new Map(), leftB.get(k) ?? 0);
    const re = entropy(right.get(k) ?? new Map(), rightB.get(k) ?? 0);
    if (cohesion < 3 || Math.min(le, re) < 1) continue;
    // Frequency matters, but with diminishing returns; the weaker boundary limits the score.
    const score = Math.log2(1 + f) * Math.min(cohesion, 16) * Math.min(le, re) * Math.sqrt(units.length);
    const exampleId = [...(msgs.get(k) ?? [])][0] ?? '';
    out.push({ term, score: round(score), frequency: f, messages: msgs.get(k)?.size ?? 0, cohesion: round(cohesion), leftEntropy: round(le), rightEntropy: round(re), exampleId });
  }
  out.sort((a, b) => b.score - a.score || b.frequency - a.frequency || a.term.localeCompare(b.term));
  // Drop a candidate that is a part of a better one seen about as often: it is a fragment, not a term.
  const kept: Candidate[] = [];
  for (const c of out) {
    if (kept.some((k) => k.term.includes(c.term) && k.frequency >= c.frequency * 0.8)) continue;
    kept.push(c);
    if (opts.limit && kept.length >= opts.limit) break;
  }
  return kept;
}

function bump(m: Map<string, Map<string, number>>, k: string, v: string): void {
  let c = m.get(k);
  if (!c) m.set(k, (c = new Map()));
  c.set(v, (c.get(v) ?? 0) + 1);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
