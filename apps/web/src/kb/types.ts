// Knowledge-base and bot objects as the API returns them (docs/knowledge-base.md, /api/v1/openapi.json).
import type { Channel } from '@kefu/shared';
import type { Locale } from '../api';

export const KB_LOCALES: Locale[] = ['zh-CN', 'en'];

export interface KbCategory {
  id: string;
  parentId: string | null;
  names: Partial<Record<Locale, string>>;
  descriptions: Partial<Record<Locale, string>>;
  position: number;
  articleCount: number;
  faqCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface KbCategoryNode extends KbCategory {
  children: KbCategoryNode[];
}

export interface FaqButton {
  label: string;
  reply?: string;
  url?: string;
}

export interface FaqAnswer {
  text: string;
  buttons: FaqButton[];
}

export interface Faq {
  id: string;
  question: string;
  similarQuestions: string[];
  answer: FaqAnswer;
  /** answers that replace `answer` on a channel */
  channelAnswers: Partial<Record<Channel, FaqAnswer>>;
  categoryId: string | null;
  locale: Locale;
  tags: string[];
  enabled: boolean;
  validFrom: string | null;
  validUntil: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST /kb/faqs (and PATCH, all optional). */
export interface FaqInput {
  question: string;
  similarQuestions: string[];
  answer: FaqAnswer;
  channelAnswers?: Partial<Record<Channel, FaqAnswer>>;
  categoryId: string | null;
  locale: Locale;
  tags: string[];
  enabled: boolean;
  validFrom: string | null;
  validUntil: string | null;
}

export type ArticleStatus = 'draft' | 'published';

export interface ArticleTranslation {
  title: string;
  description: string;
  bodyMd: string;
  updatedAt?: string;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  status: ArticleStatus;
  categoryId: string | null;
  tags: string[];
  titles: Partial<Record<Locale, string>>;
  locales: Locale[];
  author: { id: string; name: string } | null;
  version: number;
  views: number;
  helpful: { yes: number; no: number };
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Article extends ArticleSummary {
  translations: Partial<Record<Locale, ArticleTranslation>>;
}

export interface ArticleVersion {
  id: string;
  version: number;
  note: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  snapshot: {
    slug: string;
    categoryId: string | null;
    tags: string[];
    translations: Partial<Record<Locale, ArticleTranslation>>;
  };
}

export interface ImportProblem {
  row: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  imported: number;
  created: number;
  updated: number;
  dryRun: boolean;
  errors: ImportProblem[];
}

// --- bot -----------------------------------------------------------------------------------------------

export type BotAction = 'answer' | 'suggest' | 'fallback' | 'handoff' | 'flow' | 'smalltalk';

export interface BotCandidate {
  faqId: string;
  question: string;
  closestQuestion: string;
  score: number;
  lexical: number;
  model: number;
}

export interface BotTestResult {
  answerMode: AnswerMode;
  /** the message as the bot read it through the synonyms */
  readAs: string | null;
  action: BotAction | string;
  handoffReason: string | null;
  /** the anger/distress detector's view of the message */
  distress: { distressed: boolean; probability: number; signals: string[] };
  /** ids of the FAQ entries the bot would answer with */
  answers: string[];
  candidates: BotCandidate[];
  model: { entries: number; trainedAt: string; trainMs: number; trainedOn: 'inline' | 'thread' };
}

export interface WorkbenchItem {
  text: string;
  count: number;
  lastAt: string;
  conversationId: string;
  faq: { id: string; question: string } | null;
  /** other wordings of the same question, gathered under this one */
  variants: { text: string; count: number }[];
}

export interface Workbench {
  unmatched: WorkbenchItem[];
  unsure: WorkbenchItem[];
  notSolved: WorkbenchItem[];
}

export interface BotMetrics {
  days: number;
  totals: {
    conversations: number;
    resolutionRate: number | null;
    handoffRate: number | null;
    unmatchedRate: number | null;
    /** share of customer messages answered with "did you mean" */
    unsureRate: number | null;
    /** share of those where the customer picked a choice */
    pickRate: number | null;
  };
  series: {
    day: string;
    conversations: number;
    resolved: number;
    handedOff: number;
    messages: number;
    unmatched: number;
    unsure: number;
    picked: number;
  }[];
  topIntents: { faqId: string; question: string; count: number }[];
}

export interface AssistItem {
  faqId: string;
  question: string;
  answer: string;
  score: number;
}

export interface BotFlow {
  id: string;
  name: string;
  enabled: boolean;
  triggers: string[];
  source: string;
  updatedAt: string;
}

export interface FlowTestResult {
  ok: boolean;
  request: { method: string; url: string } | null;
  status: number | null;
  /** what the bot would say: its text and buttons (older servers sent the text alone) */
  answer: string | { text: string; buttons?: FaqButton[] } | null;
  error: string | null;
}

/** `settings.bot` of a website inbox. */
export interface BotSettings {
  enabled: boolean;
  name: string;
  avatarUrl: string;
  greeting: string;
  fallbackText: string;
  share: number;
  onlyOutsideHours: boolean;
  answerMode: AnswerMode;
  suggested: SuggestedSettings;
  /** 输入联想 in the chat window */
  typeahead: boolean;
  /** 相关问题 under the bot's answers */
  related: boolean;
}

/** 「猜你想问」 in the chat window: the most answered entries, the trainer's own list, or none. */
export type SuggestedMode = 'popular' | 'pinned' | 'off';
export const SUGGESTED_MODES: SuggestedMode[] = ['popular', 'pinned', 'off'];
export const MAX_SUGGESTED = 6;
export interface SuggestedSettings {
  mode: SuggestedMode;
  count: number;
  faqIds: string[];
}

/** Words the bot reads as one (同义词); the first names the group. */
export interface SynonymGroup {
  id: string;
  terms: string[];
  updatedAt: string;
}

/** How readily the bot answers outright rather than asking "did you mean". */
export type AnswerMode = 'cautious' | 'balanced' | 'eager';
export const ANSWER_MODES: AnswerMode[] = ['cautious', 'balanced', 'eager'];

export const BOT_DEFAULTS: BotSettings = {
  enabled: false,
  name: '',
  avatarUrl: '',
  greeting: '',
  fallbackText: '',
  share: 100,
  onlyOutsideHours: false,
  answerMode: 'balanced',
  suggested: { mode: 'popular', count: 4, faqIds: [] },
  typeahead: true,
  related: true,
};
