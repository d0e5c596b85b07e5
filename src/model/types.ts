// The domain of the archive. Every stage module (src/ingest, src/threads, …) is a pure function over these types;
// IO (reading content/, writing dist/) lives in src/node and scripts/.

/** What a message mostly is; drives rendering and what counts as substantive. */
export type MessageKind = 'text' | 'link' | 'image' | 'empty' | 'system';

/** Why a message deserves a second look. Flags never drop data; they only annotate it. */
export type MessageFlag =
  | 'mojibake' // text that looks like GBK bytes decoded as something else (┱飧隹…)
  | 'markup-debris' // Excel-HTML / XML fragments inside a link; kept as text, never rendered
  | 'lost-emoji' // `??` where the exporter lost an emoji
  | 'unsafe-link' // a link whose target is not http(s); shown as text
  | 'no-body' // the next header followed at once
  | 'possibly-quoted-header'; // its header breaks the exporter's layout: maybe a header line typed inside a message

/** A piece of a message body, in reading order. Renderers escape every string in here. */
export type Segment =
  | { type: 'text'; text: string }
  | { type: 'link'; url: string; title: string; safe: boolean }
  | { type: 'image'; url: string; alt: string; safe: boolean }
  | { type: 'mention'; name: string; speakerId: string | null }
  | { type: 'emoji'; code: string };

export interface Link {
  url: string;
  title: string;
  /** true only for http(s) targets; unsafe links are rendered as text. */
  safe: boolean;
}

export interface Image {
  url: string;
  alt: string;
  safe: boolean;
}

/** A quoted reply: 「 name: text 」 - - - reply */
export interface Quote {
  author: string;
  text: string;
}

export interface Message {
  /** `<group>/<YYYY-MM-DD>/<seq>` */
  id: string;
  /** Day id `<group>/<YYYY-MM-DD>` */
  day: string;
  /** 1-based position of the message's header line among the file's header lines. */
  seq: number;
  /** 1-based line number of the header in the file (for error messages and provenance). */
  line: number;
  /** HH:MM:SS as written. */
  time: string;
  /** Speaker display name as written in the header, entities decoded, trimmed. May be ''. */
  speaker: string;
  /** Id (slug) of the Speaker this nickname belongs to; filled by the speaker stage. */
  speakerId: string;
  /** Body exactly as in the file (between this header and the next), without the header line. */
  raw: string;
  /** The message as a reader sees it: entities decoded, markup removed, emoji codes kept. */
  text: string;
  /**
   * The words every analysis reads (threads, Q&A, related discussions, glossary, search): the text without URLs,
   * images, emoji codes and @mentions. Made from the segments by src/text/reading.ts, once at ingest.
   */
  plain: string;
  /** Seconds since midnight of `time` (src/text/time.ts), once at ingest. */
  seconds: number;
  segments: Segment[];
  links: Link[];
  images: Image[];
  /** Mentioned names as written (without @ and trailing ?/U+2005), as the segment parser (src/text) read them. */
  mentions: string[];
  /**
   * Whom each mention names: the speaker id it resolved to among the day's writers, or null (same order as
   * mentions). Resolved once by the speaker stage (src/speakers/mentions.ts); threads, Q&A and the glossary read it.
   */
  mentionIds: (string | null)[];
  emojis: string[];
  kind: MessageKind;
  quote: Quote | null;
  /** seq of the message this one duplicates (exporter wrote it twice), or null. */
  duplicateOf: number | null;
  flags: MessageFlag[];
}

export interface Day {
  /** `<group>/<YYYY-MM-DD>` */
  id: string;
  group: string;
  date: string;
  /** Path relative to the logs root, e.g. `devarch/2018-08-08-chat.markdown`. */
  file: string;
  title: string;
  /** Front-matter author: the day's most active speaker or guest; null for `None`/missing. */
  author: string | null;
  /** `lines:` from the front matter; informational only, never a count to trust. */
  declaredLines: number | null;
  tags: string[];
  messages: Message[];
}

export type Severity = 'error' | 'warning';

/** A problem in an input file, always located. */
export interface Problem {
  file: string;
  line: number;
  severity: Severity;
  message: string;
}

export interface ParsedDay {
  day: Day;
  problems: Problem[];
}

export interface Nickname {
  raw: string;
  name: string;
  company: string | null;
  role: string | null;
  city: string | null;
}

export interface Speaker {
  /** URL slug, stable across rebuilds; used at /people/<id>/. */
  id: string;
  /** The person's name part. */
  name: string;
  /** Every display name seen for this person. */
  aliases: string[];
  company: string | null;
  role: string | null;
  city: string | null;
  nicknames: Nickname[];
  messageCount: number;
  /** Day ids where this speaker wrote. */
  days: string[];
}

export interface TopicScore {
  slug: string;
  score: number;
}

export type ThreadKind = 'qa' | 'talk' | 'discussion';

/** The maintainers' corrections (content/corrections.yaml) a thread can carry. */
export type CorrectionKind = 'move' | 'split' | 'merge' | 'title' | 'answer' | 'notAnswer';

export interface Thread {
  /** `<group>/<YYYY-MM-DD>/t<seq of first message>` */
  id: string;
  day: string;
  /** seq of the first message. */
  seq: number;
  /** Message seqs in order. */
  seqs: number[];
  messageIds: string[];
  title: string;
  /** 'qa' when the thread opens with a question, 'talk' for a guest talk, else 'discussion'. */
  kind: ThreadKind;
  questionId: string | null;
  answerIds: string[];
  /** What content/corrections.yaml changed in this thread (empty when the automatic pass stands). */
  corrections: CorrectionKind[];
  /** Topic slugs, best first. */
  topics: string[];
  topicScores: TopicScore[];
  /** Topic slug -> the terms that decided it, strongest first (shown on the thread page). */
  topicEvidence: Record<string, string[]>;
  /** Speaker ids in order of first appearance. */
  participants: string[];
  start: string;
  end: string;
}

export interface Topic {
  slug: string;
  name: string;
  description: string;
  terms: string[];
  /** A broad topic (行业动态, 闲聊 …) may take a substantive thread on everyday words alone (src/topics/evidence.ts). */
  broad?: boolean;
  /** Negative evidence: a message containing one of these gives the topic no evidence (会计 beside CPA is a profession). */
  unless?: string[];
  /** Context terms: they add to the topic's evidence but cannot give it on their own (会计, 科目 and 凭证 are said
   * about study, finance departments and other industries; ledgers needs words about a ledger system beside them). */
  context?: string[];
}

export interface Term {
  slug: string;
  term: string;
  aliases: string[];
  topics: string[];
  related: string[];
  /** Definition in markdown, as written in content/glossary/<slug>.md */
  body: string;
  /** Threads where the term or an alias occurs. */
  threadIds: string[];
}

export interface Group {
  slug: string;
  name: string;
}

export interface Archive {
  groups: Group[];
  /** Sorted by group, then date. */
  days: Day[];
  speakers: Speaker[];
  threads: Thread[];
  topics: Topic[];
  terms: Term[];
  problems: Problem[];
  /** Old or alternative people slugs -> the person's id; each gets a redirect page at /people/<from>/. */
  speakerRedirects?: import('../speakers/ids.ts').SpeakerRedirect[];
}

/** Raw inputs read from content/ by the IO layer; buildArchive is pure over these. */
export interface ArchiveInput {
  groups: Group[];
  topics: Topic[];
  glossary: { file: string; source: string }[];
  /** content/privacy.yaml: what to mask and who is pseudonymised; absent means everything is masked, nobody opted out. */
  privacy?: import('../ingest/privacy.ts').PrivacyPolicy;
  /** file: path relative to the logs root; source: the file's text (already checked to be UTF-8). */
  logs: { file: string; source: string }[];
  /** content/corrections.yaml when present (file: its name as problems cite it). */
  corrections?: { file: string; source: string };
}
