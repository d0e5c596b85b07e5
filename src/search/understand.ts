// Query understanding, shared by the browser and the CLI: what a member typed -> the content terms to look
// for. Pure and dependency-free (Intl.Segmenter only), so both sides read a query the same way.
//
// A term query (分录流水, "order id", T+0) is left to the exact matcher unchanged. A question in plain Chinese
// (怎么防止重复扣款, 每晚一定要睡满8小时吗) has its question words and particles dropped; what remains is cut into
// content terms: glossary terms and aliases whole (the segmenter cuts domain words badly: 扣|款, 余|额), the
// segmenter's words, and runs of leftover single characters glued back together (扣+款 -> 扣款). Glossary
// terms the query names are expanded to their other aliases and, more weakly, to their related terms.
import { cjkBigrams, hasLatinLetter, isAlnum, latinWords, normalize } from '../text/tokenize.ts';
import { stripInvisible } from '../text/invisible.ts';
import { ASK_WORDS, QUESTION_PARTICLES } from '../text/signals.ts';

/** What understanding needs to know of the glossary (the manifest's `terms`, plus `related` slugs when known). */
export interface LexiconTerm {
  slug: string;
  term: string;
  aliases: string[];
  related?: string[];
}

export type ContentKind = 'glossary' | 'word' | 'latin' | 'run' | 'char';

export interface ContentTerm {
  /** Normalized text, searched for as an exact substring (Latin at word boundaries). */
  text: string;
  kind: ContentKind;
  /** Share of a full term's weight in ranking (a glossary term's alias counts less than the term typed). */
  weight: number;
  /** For an expansion: the query term it came from. */
  from?: string;
  /** For a glossary term or expansion: the glossary entry. */
  slug?: string;
}

export interface Understanding {
  /** The query after width and zero-width normalization (case kept, for display). */
  normalized: string;
  /** Whether the query reads as a question (a question word, particle or question mark was found). */
  question: boolean;
  /** Question words and particles that were dropped, in query order. */
  dropped: string[];
  /** Content terms, in query order, without expansions. */
  terms: ContentTerm[];
  /** Terms added through the glossary: other aliases (kind glossary) and related terms. */
  expansions: ContentTerm[];
  /** Glossary entries the query names (by term or alias), in query order. */
  named: string[];
}

/** Weights of expansions relative to a term the member typed (1). Aliases mean the same thing; related terms do not. */
export const ALIAS_WEIGHT = 0.8;
export const RELATED_WEIGHT = 0.3;
/** A run of three or more leftover characters is searched as its bigrams, each at this weight. */
const RUN_BIGRAM_WEIGHT = 0.6;
/** A lone content character (钱) only counts when nothing longer is left. */
const CHAR_WEIGHT = 0.5;

/**
 * Words that make a query a question: the signal words thread and Q&A finding read (text/signals.ts: 请问, 怎么,
 * 有没有, 吗…) plus a few only a query uses that way (到底, 一定要, "A 还是 B", 谁).
 */
const QUERY_ONLY_MARKERS = ['一定要', '还是', '谁', '到底'];
const QUESTION_MARKERS = new Set([...ASK_WORDS, ...QUESTION_PARTICLES, ...QUERY_ONLY_MARKERS]);

/**
 * Question words, particles and filler that carry no content in a question: the markers above and filler a
 * question wraps its subject in (大家, 一般, 具体…). Multi-character entries are removed as whole segmenter
 * words; the characters in STOP_CHARS end a run of leftover characters.
 */
export const QUESTION_WORDS: readonly string[] = [
  ...QUESTION_MARKERS,
  '一定', '可以', '需要', '应该', '大家', '各位', '大神', '老师', '朋友', '群里', '一般', '通常', '一下', '问题', '知道',
  '吧', '呀', '啊', '的', '了', '是', '有', '没有', '我', '我们', '你', '你们', '他们', '这个', '那个',
  '这种', '那种', '这样', '那样', '时候', '的话', '如果', '就是', '还有', '以及', '或者', '和', '与', '及', '怎',
  '具体', '现在', '目前', '真的', '合理', '好', '行', '想', '问', '下', '个', '些', '要', '能', '会', '该',
];
const QUESTION_SET = new Set(QUESTION_WORDS);
const STOP_CHARS = new Set([...'的了是有在和与或给按把被就都也还先后要会能去来到吗呢吧么啊呀嘛哦个这那哪谁我你他她它们让对从为不没很太又再才更最多少怎该可以几些之而并但等上下中里说想请问如何啥']);
/** Characters that never make a content bigram (fewer than STOP_CHARS: 对账, 有效, 给付 are content). */
const PARTICLES = new Set([...'的了吗呢吧么啊呀嘛哦我你他她它们这那是很太又就都也还']);
/** Marks that make a query a question even without a question word. */
const QUESTION_MARK = /[?？]/;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * Full-width ASCII (ＡＰＩ, Ｔ＋０, ？) to ASCII, the ideographic space to a space, zero-width characters removed.
 * Not NFKC: that would also rewrite CJK compatibility ideographs, which the index stores as written.
 */
export function normalizeWidth(q: string): string {
  // The same invisible characters ingest removes from the messages (bidi controls, zero-width), and soft hyphens.
  return stripInvisible(q)
    .replace(ZERO_WIDTH, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

let segmenter: Intl.Segmenter | null = null;
const segments = (s: string) => {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(s)];
};

/** Glossary strings (terms and aliases), normalized, longest first, each with its entry. */
const glossaryMemo = new WeakMap<readonly LexiconTerm[], { text: string; entry: LexiconTerm }[]>();
function glossaryStrings(lexicon: readonly LexiconTerm[]): { text: string; entry: LexiconTerm }[] {
  const memo = glossaryMemo.get(lexicon);
  if (memo) return memo;
  const out: { text: string; entry: LexiconTerm }[] = [];
  for (const e of lexicon) {
    for (const w of [e.term, ...e.aliases]) {
      // A pair like 内部账户/外部账户 stands for its halves, which are aliases already.
      const t = normalize(w).trim();
      if (t && !t.includes('/')) out.push({ text: t, entry: e });
    }
  }
  out.sort((a, b) => b.text.length - a.text.length);
  glossaryMemo.set(lexicon, out);
  return out;
}

/** Whether a string holds a letter or digit (a term made of punctuation only is nothing to search). */
const hasContent = (s: string) => /[\p{L}\p{N}]/u.test(s);

export function understand(query: string, lexicon: readonly LexiconTerm[] = []): Understanding {
  const normalized = normalizeWidth(query).replace(/\s+/g, ' ').trim();
  const lower = normalize(normalized);
  const dropped: string[] = [];
  const terms: ContentTerm[] = [];
  const named: string[] = [];
  const seen = new Set<string>();
  const add = (t: ContentTerm) => {
    if (!t.text || !hasContent(t.text) || seen.has(t.text)) return;
    seen.add(t.text);
    terms.push(t);
  };

  // Glossary terms and aliases first, longest first, each occurrence's characters claimed so the segmenter
  // does not cut them again. Positions keep the query order of the result.
  const claimed = new Array<boolean>(lower.length).fill(false);
  const found: { at: number; term: ContentTerm }[] = [];
  const gloss = glossaryStrings(lexicon);
  for (const g of gloss) {
    let i = lower.indexOf(g.text);
    while (i >= 0) {
      const end = i + g.text.length;
      const free = claimed.slice(i, end).every((c) => !c);
      // The index's boundary rule (findTerm): a Latin edge of the term must not cut through a Latin word.
      const bounded = !(isAlnum(g.text[0]) && isAlnum(lower[i - 1])) && !(isAlnum(g.text[g.text.length - 1]) && isAlnum(lower[end]));
      if (free && bounded) {
        for (let j = i; j < end; j++) claimed[j] = true;
        found.push({ at: i, term: { text: g.text, kind: 'glossary', weight: 1, slug: g.entry.slug } });
      }
      i = lower.indexOf(g.text, i + 1);
    }
  }

  // The rest: segmenter words, question words dropped, leftover single characters glued into runs.
  let run = '';
  let runAt = 0;
  const flushRun = () => {
    if (!run) return;
    let chars = [...run];
    // Particles glued on at the edges (先|改|余|额) go; two characters stay together unless both are particles
    // (对|账 is 对账, 给|我 is nothing).
    while (chars.length > 2 && STOP_CHARS.has(chars[0]!)) dropped.push(chars.shift()!);
    while (chars.length > 2 && STOP_CHARS.has(chars[chars.length - 1]!)) dropped.push(chars.pop()!);
    if (chars.every((c) => STOP_CHARS.has(c))) {
      dropped.push(...chars);
      run = '';
      return;
    }
    run = chars.join('');
    if (chars.length === 2) found.push({ at: runAt, term: { text: run, kind: 'run', weight: 1 } });
    else if (chars.length > 2) cjkBigrams(run).forEach((b, k) => found.push({ at: runAt + k, term: { text: b, kind: 'run', weight: RUN_BIGRAM_WEIGHT } }));
    else found.push({ at: runAt, term: { text: run, kind: 'char', weight: CHAR_WEIGHT } });
    run = '';
  };
  let pos = 0;
  const pieces: { text: string; at: number }[] = [];
  // Unclaimed stretches, segmented separately (a claimed glossary term splits the text around it).
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && !claimed[i]) continue;
    if (i > pos) pieces.push({ text: lower.slice(pos, i), at: pos });
    pos = i + 1;
  }
  for (const piece of pieces) {
    for (const s of segments(piece.text)) {
      const w = s.segment;
      const at = piece.at + s.index;
      if (!s.isWordLike) {
        flushRun();
        continue;
      }
      if (QUESTION_SET.has(w)) {
        flushRun();
        dropped.push(w);
        continue;
      }
      if (!CJK.test(w)) {
        flushRun();
        found.push({ at, term: { text: w, kind: 'latin', weight: 1 } });
        continue;
      }
      if ([...w].length === 1) {
        if (!run) runAt = at;
        run += w;
        continue;
      }
      flushRun();
      // A word the segmenter glued to a particle (睡满吗 is rare, 好吗 common): strip particles at its ends.
      let core = w;
      while ([...core].length > 2 && STOP_CHARS.has(core[core.length - 1]!)) {
        dropped.push(core[core.length - 1]!);
        core = core.slice(0, -1);
      }
      found.push({ at, term: { text: core, kind: 'word', weight: 1 } });
    }
    flushRun();
  }
  found.sort((a, b) => a.at - b.at);
  const multi = found.some((f) => f.term.kind !== 'char');
  for (const f of found) if (multi ? f.term.kind !== 'char' : true) add(f.term);
  for (const f of found) if (f.term.slug && !named.includes(f.term.slug)) named.push(f.term.slug);

  // Expansions: the other names of a named entry, then its related entries' names.
  const expansions: ContentTerm[] = [];
  const bySlug = new Map(lexicon.map((e) => [e.slug, e]));
  const expand = (text: string, from: string, slug: string, weight: number) => {
    const t = normalize(text).trim();
    if (!t || t.includes('/') || seen.has(t)) return;
    seen.add(t);
    expansions.push({ text: t, kind: 'glossary', weight, from, slug });
  };
  for (const slug of named) {
    const e = bySlug.get(slug);
    if (!e) continue;
    const from = terms.find((t) => t.slug === slug)?.text ?? e.term;
    for (const w of [e.term, ...e.aliases]) expand(w, from, slug, ALIAS_WEIGHT);
  }
  // Related entries by their main name only: each is a neighbouring concept, not another way to say this one.
  for (const slug of named) {
    for (const r of bySlug.get(slug)?.related ?? []) {
      const e = bySlug.get(r);
      if (e && !named.includes(r)) expand(e.term, bySlug.get(slug)!.term, r, RELATED_WEIGHT);
    }
  }
  // Markers of two or more characters count wherever they stand (the segmenter cuts 有没有 into 有|没有).
  const question = QUESTION_MARK.test(normalized) || dropped.some((w) => QUESTION_MARKERS.has(w)) || [...QUESTION_MARKERS].some((w) => w.length > 1 && lower.includes(w));
  return { normalized, question, dropped, terms, expansions, named };
}

/**
 * The terms a message's or query's vector is made of: glossary terms and aliases whole, Latin words, and the
 * bigrams of the remaining CJK runs that hold no particle character. No segmenter, so that 120k messages are
 * read in seconds, and the same rule applies to both sides (a query's content term 扣款 is its bigram; 防止重复
 * is 防止, 止重, 重复).
 */
export function vectorTerms(text: string, lexicon: readonly LexiconTerm[] = []): string[] {
  let lower = normalize(normalizeWidth(text));
  const out: string[] = [];
  for (const g of glossaryStrings(lexicon)) {
    if (!lower.includes(g.text)) continue;
    const parts = lower.split(g.text);
    for (let i = 1; i < parts.length; i++) out.push(g.text);
    // A separator no bigram or word spans.
    lower = parts.join(' | ');
  }
  for (const w of latinWords(lower)) if (w.length > 1 || hasLatinLetter(w)) out.push(w);
  for (const b of cjkBigrams(lower)) if (!PARTICLES.has(b[0]!) && !PARTICLES.has(b[1]!)) out.push(b);
  return out;
}

