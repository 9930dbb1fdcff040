import { ANSWER_MODES, detectDistress, splitQuestions, type AnswerMode, type FaqMatcher } from '@kefu/nlp';
import { smallTalk, smallTalkReply, type SmallTalkAct } from './smalltalk.js';

/** Things a customer says to reach a person, in Chinese and English. */
const HUMAN =
  /(转|找|要|接)\s*(人工|真人|客服)|人工客服|人工服务|真人客服|^\s*(人工|客服|真人)\s*[!！。.?？]*\s*$|\b(human|agent|real person|operator|representative|talk to (a |an )?(person|someone|human))\b/i;

/** Whether a customer message asks for a person (「转人工」, "agent", "talk to someone"…). */
export const asksForHuman = (text: string) => HUMAN.test(text.trim());

export type BotStep =
  | { kind: 'answer'; faqId: string; question: string; confidence: number }
  | { kind: 'flow'; flowKey: string; confidence: number }
  | {
      kind: 'suggest';
      choices: { faqId: string; label: string }[];
      confidence: number;
      /** The choices come with an offer of a person (the bot has not helped twice in a row). */
      offerHuman: boolean;
    }
  | { kind: 'fallback'; offerHuman: boolean }
  | { kind: 'smalltalk'; act: SmallTalkAct }
  | { kind: 'handoff'; reason: 'asked' | 'anger' | 'misses'; distress?: Distress };

/** Why the bot judged a customer angry or distressed, for the agent's note. */
export interface Distress {
  /** Lexicon entries and cues ('!!!', 'CAPS') that counted, and 'model' when the sentiment model did. */
  signals: string[];
  /** The sentiment model's probability that the message is upset. */
  probability: number;
}

export interface BotDecision {
  steps: BotStep[];
  /** Consecutive misses after this message. */
  misses: number;
  /** The best guess at what the customer wants (for the agent and the workbench). */
  intent: string | null;
}

/**
 * Misses in a row after which the bot's reply asks 「需要为您转接人工客服吗？」. A "did you mean" counts as a
 * miss here (not in the unmatched rate): a customer who typed on instead of picking a choice was not helped,
 * and one who picks a choice gets an answer, which starts the count again.
 */
export const OFFER_HUMAN_AFTER = 2;

/**
 * What the bot does with one customer message. Pure: the caller supplies the trained matcher and the
 * conversation's memory (how many misses in a row so far).
 */
export function decide(
  text: string,
  matcher: FaqMatcher,
  missesBefore: number,
  mode: AnswerMode = 'balanced',
): BotDecision {
  const clean = text.trim();
  if (asksForHuman(clean)) return { steps: [{ kind: 'handoff', reason: 'asked' }], misses: 0, intent: null };
  // anger or distress (the lexicon and the sentiment model of @kefu/nlp): a person, with raised priority
  const distress = detectDistress(clean);
  if (distress.distressed) {
    const guess = matcher.match(clean).candidates[0];
    const { signals, probability } = distress;
    return {
      steps: [{ kind: 'handoff', reason: 'anger', distress: { signals, probability } }],
      misses: 0,
      intent: guess?.question ?? null,
    };
  }

  // 「好的」 / "yes" to the bot's offer of a person is asking for one; 「不用了」 declines it
  const chat = smallTalk(clean);
  if (chat && missesBefore >= OFFER_HUMAN_AFTER) {
    if (chat.acts.includes('decline'))
      return { steps: [{ kind: 'smalltalk', act: 'decline' }], misses: 0, intent: null };
    if (chat.acts.includes('ack'))
      return { steps: [{ kind: 'handoff', reason: 'asked' }], misses: 0, intent: null };
  }

  // a message may ask several things: answer each part the bot is sure of
  const parts = splitQuestions(clean);
  const answered = new Set<string>();
  const steps: BotStep[] = [];
  let best: { action: string; choices: { faqId: string; label: string }[]; confidence: number } | null = null;
  for (const part of parts.length > 1 ? [clean, ...parts] : parts) {
    const d = matcher.match(part, ANSWER_MODES[mode]);
    const top = d.candidates[0];
    if (d.action === 'answer' && top && !answered.has(top.id)) {
      answered.add(top.id);
      steps.push(
        top.id.startsWith('flow:')
          ? { kind: 'flow', flowKey: top.id, confidence: top.score }
          : { kind: 'answer', faqId: top.id, question: top.question, confidence: top.score },
      );
    } else if (d.action === 'suggest' && top && (!best || top.score > best.confidence)) {
      best = {
        action: 'suggest',
        choices: d.candidates.slice(0, 3).map((c) => ({ faqId: c.id, label: c.question })),
        confidence: top.score,
      };
    }
  }
  if (steps.length > 0) {
    // the whole message answered as one, and its parts again: keep the parts' answers once each
    // a task flow takes the conversation over: it runs alone, after any plain answers
    const flow = steps.find((s) => s.kind === 'flow');
    const ordered = flow ? [...steps.filter((s) => s.kind !== 'flow'), flow] : steps;
    const named = steps.find((s) => s.kind === 'answer') as { question: string } | undefined;
    return { steps: ordered, misses: 0, intent: named?.question ?? null };
  }
  // greetings, thanks, goodbyes: a courteous reply, neither a miss nor a "did you mean"
  if (chat)
    return {
      steps: [{ kind: 'smalltalk', act: smallTalkReply(chat.acts) }],
      misses: missesBefore,
      intent: null,
    };
  const misses = missesBefore + 1;
  if (best) {
    const { choices, confidence } = best;
    return {
      steps: [{ kind: 'suggest', choices, confidence, offerHuman: misses >= OFFER_HUMAN_AFTER }],
      misses,
      intent: choices[0]?.label ?? null,
    };
  }
  return { steps: [{ kind: 'fallback', offerHuman: misses >= OFFER_HUMAN_AFTER }], misses, intent: null };
}
