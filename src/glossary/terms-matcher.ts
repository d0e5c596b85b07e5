// Multi-pattern substring matching (Aho-Corasick over UTF-16 code units, like String#indexOf).
// Threads, topics and term linking each look for ~250 glossary/topic terms in every text; one `includes`
// per term made that O(text x terms). The automaton is built once per pattern list and finds every
// occurrence of every pattern in one pass over the text. Pure; callers lower-case both sides themselves.

const ROOT = 0;

export class TermsMatcher {
  readonly patterns: readonly string[];
  /** Transition (node, code unit) -> node, keyed node * 65536 + code. */
  private readonly next = new Map<number, number>();
  private readonly fail: number[] = [ROOT];
  /** Patterns ending at each node (its own, then those of its dictionary suffixes), by index. */
  private readonly out: number[][] = [[]];
  /** Code units some pattern starts with: most text characters are not, and skip the lookup. */
  private readonly starts = new Uint8Array(65536);
  /** present()'s per-call marks (a call number per pattern), reused so a call allocates no scratch array. */
  private readonly mark: Uint32Array;
  private call = 0;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.mark = new Uint32Array(patterns.length);
    const own: number[][] = [[]];
    patterns.forEach((p, pi) => {
      // An empty pattern would match everywhere; callers never want that, so it never matches.
      if (!p) return;
      let node = ROOT;
      this.starts[p.charCodeAt(0)] = 1;
      for (let i = 0; i < p.length; i++) {
        const key = node * 65536 + p.charCodeAt(i);
        let to = this.next.get(key);
        if (to === undefined) { to = own.length; own.push([]); this.next.set(key, to); }
        node = to;
      }
      own[node]!.push(pi);
    });
    // Children of each node, for the breadth-first pass that sets failure links.
    const children: [number, number][][] = own.map(() => []);
    for (const [key, to] of this.next) children[Math.floor(key / 65536)]!.push([key % 65536, to]);
    this.fail = new Array(own.length).fill(ROOT);
    this.out = new Array(own.length);
    this.out[ROOT] = [];
    const queue: number[] = [];
    for (const [, to] of children[ROOT]!) { this.fail[to] = ROOT; this.out[to] = own[to]!; queue.push(to); }
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [code, to] of children[node!]!) {
        let f = this.fail[node!];
        while (f !== ROOT && !this.next.has(f! * 65536 + code)) f = this.fail[f!];
        const g = this.next.get(f! * 65536 + code);
        this.fail[to] = g !== undefined && g !== to ? g : ROOT;
        const inherited = this.out[this.fail[to]];
        this.out[to] = inherited!.length ? [...own[to]!, ...inherited!] : own[to]!;
        queue.push(to);
      }
    }
  }

  /**
   * Calls visit(patternIndex, start) for every occurrence of every pattern, overlapping ones included,
   * in order of their end position (so each pattern's own occurrences come in increasing start order).
   */
  scan(text: string, visit: (pattern: number, start: number) => void): void {
    const { next, fail, out, patterns, starts } = this;
    let node = ROOT;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (node === ROOT && starts[code] === 0) continue;
      let to = next.get(node * 65536 + code);
      while (to === undefined && node !== ROOT) { node = fail[node]!; to = next.get(node * 65536 + code); }
      node = to ?? ROOT;
      const hits = out[node];
      for (let k = 0; k < hits!.length; k++) visit(hits![k]!, i + 1 - patterns[hits![k]!]!.length);
    }
  }

  /** Indices of the patterns that occur in the text at least once, ascending (as `text.includes(p)`). */
  present(text: string): number[] {
    if (++this.call === 0xffffffff) { this.mark.fill(0); this.call = 1; }
    const { mark, call } = this;
    const found: number[] = [];
    this.scan(text, (p) => { if (mark[p] !== call) { mark[p] = call; found.push(p); } });
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  /**
   * Per pattern, the number of non-overlapping occurrences taken from the left, as counted by repeating
   * `indexOf(p, previous + p.length)`.
   */
  counts(text: string): Int32Array {
    const n = new Int32Array(this.patterns.length);
    const free = new Int32Array(this.patterns.length);
    this.scan(text, (p, start) => {
      if (start >= free[p]!) { n[p]!++; free[p] = start + this.patterns[p]!.length; }
    });
    return n;
  }
}
