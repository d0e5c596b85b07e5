// Invisible formatting characters in chat text. Bidi embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) and the marks (U+200E, U+200F, U+061C) let a message or a name reverse the text around it
// ("‮txt.exe" reads as "exe.txt"), in the page, the <title>, the feed and search results; zero-width characters
// (U+200B, U+200C, U+2060, U+FEFF, U+180E, soft hyphen) inside a word hide it from term linking and search
// (分\u200b录流水 is not 分录流水). Nobody can see any of them, so removing them loses nothing a reader could
// read. U+200D (zero-width joiner) is kept between two emoji, where it builds one glyph (👨‍💻).

// A ZWJ is dropped unless an emoji (or its variation selector / skin tone) precedes it and an emoji follows.
const INVISIBLE =
  /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u200c\u2060\ufeff\u180e\u00ad]|(?<![\p{Extended_Pictographic}\ufe0f\u{1f3fb}-\u{1f3ff}])\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/** Chat text without bidi controls and zero-width characters (linear: one pass, fixed-width lookarounds). */
export function stripInvisible(s: string): string {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
}

