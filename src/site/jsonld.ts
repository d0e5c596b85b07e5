// Structured data (schema.org JSON-LD) and its safe serialization into a <script> element.
import { safeHttpUrl } from './safe-url.ts';
import { speakerLabel } from '../model/labels.ts';

/** Every URL in structured data passes the same gate as links on the page; one that fails is left out. */
const url = (s: string): string | undefined => safeHttpUrl(s) ?? undefined;

/**
 * JSON for an inline <script type="application/ld+json">: `<`, `>` and `&` become \u escapes so chat text
 * such as `</script>` or `<!--` cannot end the element; U+2028/2029 are escaped for old JS parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface PostInput {
  url: string;
  headline: string;
  text: string;
  datePublished: string;
  author: { name: string; url: string };
  comments: { text: string; datePublished: string; author: { name: string; url: string }; url: string }[];
  about: string[];
  isPartOf: string;
}

const person = (a: { name: string; url: string }) => ({ '@type': 'Person', name: speakerLabel(a.name), url: url(a.url) });

/**
 * A thread as a DiscussionForumPosting. Google's QAPage requires an accepted (or suggested) answer marked by
 * the asker; chat logs never mark one, so every thread is a DiscussionForumPosting, never a QAPage.
 */
export function discussionPosting(p: PostInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'DiscussionForumPosting',
    '@id': url(p.url),
    url: url(p.url),
    headline: p.headline,
    text: p.text,
    datePublished: p.datePublished,
    author: person(p.author),
    inLanguage: 'zh-CN',
    isPartOf: url(p.isPartOf),
    ...(p.about.length ? { about: p.about.map((name) => ({ '@type': 'Thing', name })) } : {}),
    interactionStatistic: { '@type': 'InteractionCounter', interactionType: 'https://schema.org/CommentAction', userInteractionCount: p.comments.length },
    comment: p.comments.map((c) => ({ '@type': 'Comment', url: url(c.url), text: c.text, datePublished: c.datePublished, author: person(c.author) })),
  };
}

export function webSite(origin: string, name: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name,
    url: url(`${origin}/`),
    inLanguage: 'zh-CN',
    potentialAction: { '@type': 'SearchAction', target: url(`${origin}/search/?q={search_term_string}`), 'query-input': 'required name=search_term_string' },
  };
}
