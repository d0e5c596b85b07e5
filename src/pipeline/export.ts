// The export JSON contract of DESIGN.md (stable field names; other tools rely on them).
import type { Archive } from '../model/types.ts';
import { faqExport } from '../questions/recurring.ts';

export function toExport(a: Archive) {
  return {
    days: a.days.map((d) => ({ id: d.id, group: d.group, date: d.date, author: d.author, messageCount: d.messages.length })),
    messages: a.days.flatMap((d) =>
      d.messages.map((m) => ({
        id: m.id, day: m.day, seq: m.seq, time: m.time, speaker: m.speaker, text: m.text,
        links: m.links.map((l) => ({ url: l.url, title: l.title })), images: m.images.map((i) => i.url),
        mentions: m.mentions, emojis: m.emojis,
        // Additive fields after the DESIGN contract's: what the message is, who wrote it, and what the parser noticed.
        kind: m.kind, speakerId: m.speakerId, duplicateOf: m.duplicateOf, quote: m.quote, flags: m.flags,
      })),
    ),
    threads: a.threads.map((t) => ({
      id: t.id, day: t.day, messageIds: t.messageIds, topics: t.topics, title: t.title, questionId: t.questionId, answerIds: t.answerIds,
      // Additive: what the thread is, and what the maintainers' corrections changed in it.
      kind: t.kind, corrections: t.corrections,
      // Additive: the terms that decided each topic (issue 16).
      topicEvidence: t.topicEvidence,
    })),
    terms: a.terms.map((t) => ({ slug: t.slug, term: t.term, threadIds: t.threadIds })),
    // Recurring questions (DESIGN: additive): questions asked on more than one day, the threads newest first.
    faq: faqExport(a),
  };
}
