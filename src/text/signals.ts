// What a chat message does, read from its words: it asks (question words and particles), it acknowledges
// (签到, 收到, 谢谢, [强]…), it opens a conversation with the room (请问, 有没有人…, 大家), it greets, it changes the
// subject or carries on an earlier one. ONE set of these words, read by thread disentanglement (threads/),
// question and answer finding (qa/) and query understanding (search/understand.ts), so the site, the splitter
// and the search box agree on what a question is. Pure and browser-safe: strings and regular expressions only.

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

/**
 * Words that ask, wherever they stand in a message: request openers (请问, 请教, 求推荐…), "is there / can it"
 * forms (有没有, 是否, 能否, 能不能…) and question words (怎么, 如何, 为什么, 什么, 哪, 多少, 几个…). Each is a
 * word as a segmenter cuts it, so query understanding can drop it from a query.
 */
export const ASK_WORDS: readonly string[] = [
  '请问', '请教', '求助', '求推荐', '求分享', '求教', '求问', '问一下', '问下', '问个事', '问个问题', '咨询',
  '有没有', '有无', '是否', '能否', '可否', '能不能', '可不可以', '会不会', '是不是', '要不要',
  '有谁', '谁知道', '谁了解', '谁做过', '谁用过', '谁有',
  '怎么', '怎么样', '怎样', '怎么办', '如何', '为什么', '为何', '为啥', '什么', '啥',
  '哪', '哪些', '哪个', '哪里', '哪儿', '多少', '几点', '几天', '几个', '几种', '几家', '几次', '几年', '几月',
];

/** Sentence-final particles that make a clause a question (吧 only with a question mark). */
export const QUESTION_PARTICLES: readonly string[] = ['吗', '嘛', '么', '呢'];

/** Question words used in statements: "没什么", "什么都", "不知道为什么", "无论", "哪怕". */
export const NOT_ASKING_WORDS: readonly string[] = [
  '没什么', '什么都', '什么的', '不知道为什么', '不知道怎么', '不管什么', '不管怎么', '不管如何', '不管哪', '无论',
  '怎么说呢', '怎么讲呢', '哪怕',
];

const ASKS = new RegExp(alternation(ASK_WORDS));
const NOT_ASKING = new RegExp(`${alternation(NOT_ASKING_WORDS)}|为什么(?:呢)?[，,]?(?:因为|是因为)`, 'g');
/** Asks inside the text: a question mark, or a particle closing a clause. */
const INNER = /[?？]|(?:吗|嘛|么)[，,。]|吧[?？]/;
/** Rhetorical questions: 难道…, 岂…, 何必…, 不就是…吗, 怎么可能, 谁不知道, 有什么好… */
const RHETORICAL = /^(?:难道|岂|何必|何苦)|不就(?:是)?.{0,20}[吗么嘛][?？!！]*$|怎么可能|谁不知道|有什么(?:好|可)/;
/** Anywhere in a reply: a rhetorical turn (a reply asking back with it is not asking). */
export const RHETORICAL_TURN = /不就|难道|岂不|何必/;
/** "请教个问题" alone announces a question still to come. */
const ASK_TO_ASK = /^(?:各位|大家|群里)?[^，,。]{0,6}(?:请教|问)(?:个|一个|一下|下)?问题[。.!！~～]*$/;
const TRAILING = new Set([...' \t\n\r\u3000。.!！~～…']);

const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** Ends, closing punctuation aside, with a sentence-final particle (吗/嘛/么/呢 but not 了呢, 不/没). Linear. */
function endsAsking(t: string): boolean {
  let i = t.length - 1;
  while (i >= 0 && TRAILING.has(t[i] ?? '')) i--;
  const c = t[i];
  if (c === '呢') return t[i - 1] !== '了';
  return c === '吗' || c === '嘛' || c === '么' || c === '不' || c === '没';
}

/**
 * The exporter writes an emoji it cannot encode (one outside the BMP) as "??", one "?" per UTF-16 half:
 * "好??我睡了", "不能独宠一群??", nicknames like "车睿??" (3,573 lines of the archive). Such a pair is a lost
 * emoji, not a question; a member's own question mark is a single "?" or the full-width "？".
 */
export function withoutLostEmoji(text: string): string {
  return text.includes('??') ? text.replace(/\?\?/g, ' ') : text;
}

/** Whether the text asks something, however short ("为啥？", "在吗"): question marks, particles, ask words. */
export function asks(text: string): boolean {
  const t = withoutLostEmoji(text).replace(/\s+/g, ' ').trim();
  if (RHETORICAL.test(t)) return false;
  const plain = t.replace(NOT_ASKING, ' ');
  return INNER.test(plain) || endsAsking(plain) || ASKS.test(plain);
}

/** A question worth listing: asks (see `asks`) and says something (four letters or more). `text` without @mentions. */
export function isQuestion(text: string): boolean {
  return letters(text).length >= 4 && asks(text);
}

/** Opens with a question word: the reply asks back ("啥意思", "为什么呢"). */
export const ASKS_FIRST = /^(?:啥|什么|怎么|为什么|为啥|是否|请问|哪)/;

/** "请教个问题" on its own: a question is still to come. */
export function asksToAsk(text: string): boolean {
  return ASK_TO_ASK.test(letters(text));
}

/**
 * Acknowledgements: a whole message that only reacts (签到, 收到, 谢谢, 学习了, 好的, 嗯, 哈哈, 666, +1, 已改…),
 * or only punctuation. The punctuation run is matched atomically ((?=(…+))\1) so the trailing class cannot
 * re-split it (linear).
 */
export const ACK_WORDS: readonly string[] = [
  '签到', '收到', '谢谢', '谢谢大家', '多谢', '感谢', '感谢感谢', '学习了', '学习', '受教了', '受教', '围观', '厉害了', '厉害',
  '赞', '好的', '对', '对的', '是的', '是', '牛', '早', '早啊', '欢迎', '欢迎欢迎', '好', 'ok', '同意', '同问', '+1', '已改',
];
const ACK = new RegExp(`^(?:${alternation(ACK_WORDS)}|嗯+|哦+|恩+|哈+|呵+|666+|(?=([.。…!！~～]+))\\1)[.。!！~～\\s]*$`, 'i');

/** The whole text only acknowledges (see ACK_WORDS). */
export function isAck(text: string): boolean {
  return ACK.test(text.trim());
}

/**
 * Opens a conversation with the room: a request (请问, 请教, 求助, 咨询一下…), "is anyone…" (有没有人, 有人做过,
 * 有谁, 谁知道…), or addressing everyone (大家, 各位, 群里, hello).
 */
export const OPENER = /请问|请教|问一下|问个问题|问下|求助|求推荐|求问|咨询一下|想了解|有没有(?:人|朋友|兄弟|大佬|大神|做过|用过|了解|谁)|有人(?:做过|用过|知道|了解|对)|有谁|谁(?:知道|了解|做过|用过)|大家|各位|hello|^hi\b|群里/i;

/**
 * Asking the room in the shapes OPENER leaves out: "有公司…么", "有人公司用…", "…的朋友吗", "咨询下", "各位大咖".
 */
export const ASKS_ROOM = /^(?:有(?:人|公司|谁|没有|哪位|朋友|同学)|咨询[下一]|问个事|各位|大家|群里)|(?:朋友|兄弟|同学|大佬|大神|大咖|同行)(?:们)?(?:吗|么|嘛)|有人(?:知道|了解|用过|做过)|谁(?:家|有|知道)/;

/** Speaks to the whole room (an announcement, a post for everyone), question or not. */
export const ADDRESSES_ROOM = /大家|各位|群里|群友|朋友们|小伙伴/;

/** Greetings that open a message: 各位大神, 大家好, 早上好, hello… (titles drop them). */
export const GREETING = /^(?:hello|hi|hey|各位(?:大神|大佬|大咖|好|朋友|老师|同学|同行)?们?|大家(?:好|早)?|早(?:上好|安|啊)?|晚安|晚上好|中午好|下午好|你好|您好|群主好)[，,：:！!、。.~～\s]*/i;

/** Says it turns to another subject: "顺便说下", "插一句", "题外话", "打个广告", "说一句", "换个话题". */
export const CHANGES_SUBJECT = /顺便(?:说|问|提|打|发)|插(?:一句|个话|播)|题外话|打个广告|说一句|换个话题|另一个问题|问个别的|再问个/;

/** Says it continues an earlier conversation ("补充一下", "刚才", "回到..."). */
export const RESUMES = /补充一下|补充下|补充一点|刚回来|回到(?:刚才|之前|上面)|刚才(?:说|讲|那个|的问题)|接着(?:说|刚才)|上面(?:的问题|说的)/;

/** Starts like a continuation of the speaker's own previous message ("那么问题是", "还有", "另外"). */
export const CONTINUES = /^(?:那么|那|所以|还有|另外|而且|并且|然后|再问|接着|再补充)/;

/** Starts by addressing the previous speaker in the second person ("你这…", "你说的…"). */
export const SECOND_PERSON = /^(?:你这|你那|你说|你们这|你们说|你的意思|您这|您说)/;

/**
 * Marks of talk between people (pronouns, modal particles): a message with none of them, no question and some
 * length reads like a headline, an article's title pasted in, or a notice.
 */
export const CONVERSATIONAL = /[我你您咱他她俺吧啊呀哈嘛呢哦噢嗯么吗]|觉得|感觉|应该|可以|是不是/;
