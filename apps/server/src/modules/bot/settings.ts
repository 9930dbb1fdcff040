import type { AnswerMode } from '@kefu/nlp';
import { Type, type Static } from 'typebox';

/** How readily the bot answers outright rather than asking "did you mean" (see `ANSWER_MODES`). */
export const AnswerModeSchema = Type.Union([
  Type.Literal('cautious'),
  Type.Literal('balanced'),
  Type.Literal('eager'),
]);

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
  };
}
