// How much a chat message says in words: its Han characters, Latin letters and digits once stickers ([强], [捂脸]),
// @mentions and links are set aside. "[强][强]", "@老熊 " or a bare link say nothing by this measure; "银行的手伸得好长"
// says eight characters. Used to tell chit-chat (likes, stickers, one-word replies) from talk with substance.
const LINK = /https?:\/\/\S+/g;
const STICKER = /\[[^[\]\s]{1,8}\]/g;
const MENTION = /@\S+/g;
const WORD_CHAR = /[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]/g;

export function contentChars(text: string): number {
  return (text.replace(LINK, ' ').replace(STICKER, ' ').replace(MENTION, ' ').match(WORD_CHAR) ?? []).length;
}

/** The text without @mentions and links: what a member wrote in words (names in mentions are not the subject). */
export function withoutMentions(text: string): string {
  return text.replace(LINK, ' ').replace(MENTION, ' ');
}
