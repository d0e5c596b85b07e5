// Attribute values made of chat text (image alt text, page descriptions, labels). Astro escapes `&` and `"` in
// attribute values, except when the value contains `&` and parses as an http(s) URL: then it writes the value
// verbatim (so an alt text or a name like `https://x/?a&" onerror="…` would break out of the attribute).
// `attrText` recognises exactly that case and escapes the value itself; in every other case Astro's normal
// escaping applies. If a value it escaped no longer parses as a URL, Astro escapes it again: the reader sees
// `&amp;` in a tooltip, never a broken-out attribute.

/** Escapes a string for a double-quoted HTML attribute: `& " ' < >`. */
export function escapeAttr(s: string): string {
  return s.replace(/[&"'<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Whether the WHATWG parser reads `s` as an absolute http(s) URL (the test Astro applies). */
function parsesAsHttpUrl(s: string): boolean {
  try {
    const p = new URL(s).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/** A chat-text attribute value that Astro will write safely (see the module comment). */
export function attrText(s: string): string {
  return s.includes('&') && parsesAsHttpUrl(s) ? escapeAttr(s) : s;
}
