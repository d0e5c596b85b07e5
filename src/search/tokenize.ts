// The one tokenizer shared by the index builder, the browser client, the CLI and lexical similarity.
// PROVISIONAL version; the search work owns and refines it. Keep the signature.

/** Words kept whole (glossary terms and aliases), lower-cased. */
export type Vocabulary = readonly string[];

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function tokenize(text: string, vocabulary: Vocabulary = []): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (const w of vocabulary) if (w && lower.includes(w.toLowerCase())) out.push(w.toLowerCase());
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of seg.segment(lower)) {
    if (!s.isWordLike) continue;
    const w = s.segment;
    if (CJK.test(w)) {
      out.push(w);
    } else out.push(w);
  }
  const runs = lower.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? [];
  for (const r of runs) for (let i = 0; i + 1 < r.length; i++) out.push(r.slice(i, i + 2));
  return out;
}
