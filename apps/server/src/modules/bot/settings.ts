import type { AnswerMode } from '@kefu/nlp';
import { Type, type Static } from 'typebox';

/** How readily the bot answers outright rather than asking "did you mean" (see `ANSWER_MODES`). */
export const AnswerModeSchema = Type.Union([
  Type.Literal('cautious'),
  Type.Literal('balanced'),
  Type.Literal('eager'),
]);

/** Most questions a 「猜你想问」 list shows (per language). */
export const MAX_SUGGESTED = 6;

/**
 * 「猜你想问」: questions the chat window offers under the greeting before the customer types. `popular` = the
 * entries the bot answered most in the last 30 days (while there is no history yet, the entries with the most similar questions),
 * `pinned` = the trainer's own list, in its order.
 */
export const SuggestedSettings = Type.Object({
  mode: Type.Union([Type.Literal('popular'), Type.Literal('pinned'), Type.Literal('off')]),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SUGGESTED })),
  faqIds: Type.Optional(
    Type.Array(Type.String({ format: 'uuid' }), { maxItems: MAX_SUGGESTED, uniqueItems: true }),
  ),
});
export type SuggestedSettings = Static<typeof SuggestedSettings>;

/** The bot of a website inbox, stored as `settings.bot` of the inbox and edited with its other settings. */
export const BotSettings = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String({ maxLength: 60 })),
  avatarUrl: Type.Optional(
    Type.Union([Type.String({ maxLength: 2000, pattern: '^(https?://|/)' }), Type.Literal('')]),
  ),
  /** Said once when the bot takes a new conversation (empty = say nothing extra). */
  greeting: Type.Optional(Type.String({ maxLength: 1000 })),
  /** Replaces the built-in "I don't know that yet" text. */
  fallbackText: Type.Optional(Type.String({ maxLength: 1000 })),
  /** Share of new conversations the bot takes first, 0–100. */
  share: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  /** Only outside the workspace's business hours. */
  onlyOutsideHours: Type.Optional(Type.Boolean()),
  answerMode: Type.Optional(AnswerModeSchema),
  suggested: Type.Optional(SuggestedSettings),
  /** 输入联想: questions from the knowledge base offered while the visitor types. */
  typeahead: Type.Optional(Type.Boolean()),
  /** 相关问题: entries offered under an answer (answered together before, or of the same category). */
  related: Type.Optional(Type.Boolean()),
});
export type BotSettings = Static<typeof BotSettings>;

export interface ResolvedBotSettings {
  enabled: boolean;
  name: string;
  avatarUrl: string;
  greeting: string;
  fallbackText: string;
  share: number;
  onlyOutsideHours: boolean;
  answerMode: AnswerMode;
  suggested: { mode: SuggestedSettings['mode']; count: number; faqIds: string[] };
  typeahead: boolean;
  related: boolean;
}

export function resolveBotSettings(raw: BotSettings | null | undefined): ResolvedBotSettings {
  const s = raw ?? {};
  return {
    enabled: s.enabled ?? false,
    name: s.name ?? '',
    avatarUrl: s.avatarUrl ?? '',
    greeting: s.greeting ?? '',
    fallbackText: s.fallbackText ?? '',
    share: s.share ?? 100,
    onlyOutsideHours: s.onlyOutsideHours ?? false,
    answerMode: s.answerMode ?? 'balanced',
    suggested: {
      mode: s.suggested?.mode ?? 'popular',
      count: s.suggested?.count ?? 4,
      faqIds: s.suggested?.faqIds ?? [],
    },
    typeahead: s.typeahead ?? true,
    related: s.related ?? true,
  };
}
