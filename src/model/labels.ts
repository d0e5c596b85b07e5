// What the site shows where the chat left something empty: decided here once, so a page, the feed, the
// structured data, the search results and the thread titles never disagree. Pure and browser-safe.

/** Shown for a speaker with an empty display name (and the name of the Speaker such messages belong to). */
export const ANONYMOUS_LABEL = '匿名';
/** Shown for a thread or question whose title is empty. */
export const UNTITLED_LABEL = '（无标题）';
/** The accessible name of a chat image whose markdown gave no alt text. */
export const IMAGE_LABEL = '聊天图片';

/** A speaker's name as shown: the name, or 匿名 when it is empty. */
export function speakerLabel(name: string | null | undefined): string {
  return name || ANONYMOUS_LABEL;
}

/** A title as shown: the title, or （无标题） when it is empty. */
export function titleLabel(title: string | null | undefined): string {
  return title || UNTITLED_LABEL;
}

/** An image's accessible name: its alt text, or 聊天图片. */
export function imageLabel(alt: string | null | undefined): string {
  return alt || IMAGE_LABEL;
}
