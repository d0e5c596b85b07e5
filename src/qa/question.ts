// Is a message a question? Chinese asks with particles (吗/呢/么/吧), with question words (怎么, 如何, 是否,
// 能否, 有没有, 哪, 多少…) and with request openers (请问, 请教, 求推荐…), often without a question mark.
// Rhetorical questions (难道…, 不就是…吗, 何必) and statements that merely contain a question word (没什么,
// 什么都, 不知道为什么) are not questions. Pure.

/** Asks inside the text: a question mark, or a particle closing a clause. */
const INNER = /[?？]|(?:吗|嘛|么)[，,。]|吧[?？]/;
const TRAILING = new Set([...' \t\n\r\u3000。.!！~～…']);

/** Ends, closing punctuation aside, with a sentence-final particle (吗/嘛/么/呢 but not 了呢, 不/没). Linear. */
function endsAsking(t: string): boolean {
  let i = t.length - 1;
  while (i >= 0 && TRAILING.has(t[i] ?? '')) i--;
  const c = t[i];
  if (c === '呢') return t[i - 1] !== '了';
  return c === '吗' || c === '嘛' || c === '么' || c === '不' || c === '没';
}
const ASKS = /请问|请教|求(?:助|推荐|分享|教|问)|问(?:一下|下|个事|个问题)|咨询|有没有|有无|是否|能否|可否|能不能|可不可以|会不会|是不是|要不要|有谁|谁(?:知道|了解|做过|用过|有)|怎么|怎样|如何|为什么|为啥|什么|啥|哪(?!怕)|多少|几(?:点|天|个|种|家|次|年|月)/;
/** Question words used as statements. */
const NOT_ASKING = /没什么|什么都|什么的|不知道(?:为什么|怎么)|不管(?:什么|怎么|如何|哪)|无论|怎么(?:说呢|讲呢)|为什么(?:呢)?[，,]?(?:因为|是因为)/g;
const RHETORICAL = /^(?:难道|岂|何必|何苦)|不就(?:是)?.{0,20}[吗么嘛][?？!！]*$|怎么可能|谁不知道|有什么(?:好|可)/;
/** "请教个问题" alone announces a question still to come. */
const ASK_TO_ASK = /^(?:各位|大家|群里)?[^，,。]{0,6}(?:请教|问)(?:个|一个|一下|下)?问题[。.!！~～]*$/;

const content = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** `text`: the message's reading text without @mentions. */
export function isQuestion(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (content(t).length < 4) return false;
  if (RHETORICAL.test(t)) return false;
  const plain = t.replace(NOT_ASKING, ' ');
  return INNER.test(plain) || endsAsking(plain) || ASKS.test(plain);
}

export function asksToAsk(text: string): boolean {
  return ASK_TO_ASK.test(content(text));
}
