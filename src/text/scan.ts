// Linear building blocks for reading chat text. Chat text is untrusted and unbounded (one line can be
// 200,000 characters), so work on it must stay linear in its length. Regexes of the shape `[set]+$`
// (unanchored) or `\s*X` inside a lazy loop rescan the same run from every start position: quadratic.
// These helpers do the same jobs in one pass.

/** `s` without the trailing characters for which `drop` holds (what `s.replace(/[set]+$/, '')` does). */
export function trimEndWhere(s: string, drop: (c: string) => boolean): string {
  let e = s.length;
  while (e > 0 && drop(s[e - 1]!)) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** `s` without the leading characters for which `drop` holds. */
export function trimStartWhere(s: string, drop: (c: string) => boolean): string {
  let a = 0;
  while (a < s.length && drop(s[a]!)) a++;
  return a === 0 ? s : s.slice(a);
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** The name ending here, if one does. */
  word: string | null;
}

/**
 * The longest of a set of names that a text continues with at a position, found by walking the text once
 * from there (not by trying every name: a day can have thousands of names and a message thousands of @).
 */
export class PrefixTrie {
  private readonly root: TrieNode = { next: new Map(), word: null };

  constructor(names: Iterable<string> = []) {
    for (const n of names) this.add(n);
  }

  add(name: string): void {
    if (!name) return;
    let node = this.root;
    for (let i = 0; i < name.length; i++) {
      const c = name[i]!;
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), word: null }));
      node = child;
    }
    node.word = name;
  }

  /** The longest name `s` has at `pos`, or null. Cost: at most the length of the longest name. */
  longestAt(s: string, pos: number): string | null {
    let node: TrieNode | undefined = this.root;
    let best: string | null = null;
    for (let i = pos; i < s.length; i++) {
      node = node.next.get(s[i]!);
      if (!node) break;
      if (node.word !== null) best = node.word;
    }
    return best;
  }
}
