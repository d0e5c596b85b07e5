// A synthetic archive as a whole content folder, so `npm run build` runs on it as on the real one: the bundled
// groups, topics and privacy settings, and the glossary without its `sources:` (they cite real messages, and a
// synthetic day under the same name would fail the citation check).

/** The glossary file without the `sources:` line of its front matter (the definition and links are kept). */
export function withoutSources(markdown: string): string {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(markdown);
  if (!m) return markdown;
  const front = m[1]!.split(/\r?\n/).filter((l) => !/^sources\s*:/.test(l)).join('\n');
  return `---\n${front}\n---${m[2]}${markdown.slice(m[0].length)}`;
}

/** The content files besides the logs that a synthetic content folder copies (glossary files go through withoutSources). */
export const COPIED_META = ['groups.yaml', 'topics.yaml', 'privacy.yaml'] as const;
