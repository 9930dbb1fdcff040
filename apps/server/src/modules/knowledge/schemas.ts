import { Type, type Static, type TSchema } from 'typebox';

/** Request and response schemas of the knowledge base API (validation, types and OpenAPI from one place). */

export const KB_LOCALES = ['zh-CN', 'en'] as const;
export type KbLocale = (typeof KB_LOCALES)[number];
export const isKbLocale = (v: unknown): v is KbLocale => KB_LOCALES.includes(v as KbLocale);
export { CHANNELS, type Channel } from '@kefu/shared';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const KbLocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Uuid = Type.String({ format: 'uuid' });
const Tag = Type.String({ minLength: 1, maxLength: 50 });
export const Tags = Type.Array(Tag, { maxItems: 20 });
const DateTime = Type.String({ format: 'date-time', maxLength: 40 });

/** Per-locale short texts (category names): at least one locale when creating. */
export const LocalizedText = Type.Object(
  {
    'zh-CN': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    en: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const LocalizedLongText = Type.Object(
  {
    'zh-CN': Type.Optional(Type.String({ maxLength: 500 })),
    en: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

// ---- categories

export const Category = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  names: Type.Record(Type.String(), Type.String()),
  descriptions: Type.Record(Type.String(), Type.String()),
  position: Type.Integer(),
  articleCount: Type.Integer(),
  faqCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CategoryView = Static<typeof Category>;
export interface CategoryNode extends CategoryView {
  children: CategoryNode[];
}
export const CategoryInput = Type.Object({
  names: LocalizedText,
  descriptions: Type.Optional(LocalizedLongText),
  parentId: Type.Optional(Nullable(Uuid)),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export const CategoryPatch = Type.Partial(CategoryInput);
export type CategoryInput = Static<typeof CategoryInput>;
export type CategoryPatch = Static<typeof CategoryPatch>;

// ---- articles

const Slug = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$' });
export const TranslationInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  bodyMd: Type.String({ maxLength: 100_000 }),
});
export type TranslationInput = Static<typeof TranslationInput>;
export const TranslationsInput = Type.Object(
  { 'zh-CN': Type.Optional(TranslationInput), en: Type.Optional(TranslationInput) },
  { additionalProperties: false, minProperties: 1, description: 'at least one language' },
);
export type TranslationsInput = Static<typeof TranslationsInput>;
export const ArticleInput = Type.Object({
  translations: TranslationsInput,
  slug: Type.Optional(Slug),
  categoryId: Type.Optional(Nullable(Uuid)),
  tags: Type.Optional(Tags),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
});
export type ArticleInput = Static<typeof ArticleInput>;
export const ArticlePatch = Type.Object({
  translations: Type.Optional(TranslationsInput),
  slug: Type.Optional(Slug),
  categoryId: Type.Optional(Nullable(Uuid)),
  tags: Type.Optional(Tags),
  note: Type.Optional(Type.String({ maxLength: 200, description: 'what changed, kept with the version' })),
});
export type ArticlePatch = Static<typeof ArticlePatch>;

const Translation = Type.Object({
  title: Type.String(),
  description: Type.String(),
  bodyMd: Type.String(),
  updatedAt: Type.String(),
});
const Person = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
const ArticleFields = {
  id: Type.String(),
  slug: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  categoryId: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  titles: Type.Record(Type.String(), Type.String()),
  locales: Type.Array(Type.String()),
  author: Person,
  version: Type.Integer(),
  views: Type.Integer(),
  helpful: Type.Object({ yes: Type.Integer(), no: Type.Integer() }),
  publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
export const ArticleSummary = Type.Object(ArticleFields);
export const Article = Type.Object({
  ...ArticleFields,
  translations: Type.Record(Type.String(), Translation),
});
export const ArticleVersion = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  note: Type.String(),
  createdBy: Person,
  createdAt: Type.String(),
  snapshot: Type.Object({
    slug: Type.String(),
    categoryId: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    translations: Type.Record(
      Type.String(),
      Type.Object({ title: Type.String(), description: Type.String(), bodyMd: Type.String() }),
    ),
  }),
});
export const ArticleListQuery = Type.Object({
  categoryId: Type.Optional(Uuid),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
  tag: Type.Optional(Tag),
});
/** `:locale` is checked in the service after the article, so another tenant's id is a 404 first. */
export const TranslationParams = Type.Object({
  id: Uuid,
  locale: Type.String({ maxLength: 50 }),
});
export const VersionParams = Type.Object({ id: Uuid, versionId: Uuid });

// ---- FAQ entries

export const Button = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 40 }),
    reply: Type.Optional(Type.String({ maxLength: 500, description: 'sent as the customer’s message' })),
    url: Type.Optional(Type.String({ maxLength: 2000, pattern: '^https?://\\S+$', description: 'opened' })),
  },
  { additionalProperties: false },
);
export type Button = Static<typeof Button>;
export const Answer = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000, description: 'Markdown: links and images allowed' }),
    buttons: Type.Optional(Type.Array(Button, { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export type Answer = Static<typeof Answer>;
export const ChannelAnswers = Type.Object(
  {
    website: Type.Optional(Answer),
    email: Type.Optional(Answer),
    api: Type.Optional(Answer),
    wechat: Type.Optional(Answer),
  },
  { additionalProperties: false },
);
export type ChannelAnswers = Static<typeof ChannelAnswers>;
const Question = Type.String({ minLength: 1, maxLength: 500 });
export const FaqInput = Type.Object({
  question: Question,
  similarQuestions: Type.Optional(Type.Array(Question, { maxItems: 200 })),
  answer: Answer,
  channelAnswers: Type.Optional(ChannelAnswers),
  categoryId: Type.Optional(Nullable(Uuid)),
  locale: Type.Optional(KbLocaleSchema),
  tags: Type.Optional(Tags),
  enabled: Type.Optional(Type.Boolean()),
  validFrom: Type.Optional(Nullable(DateTime)),
  validUntil: Type.Optional(Nullable(DateTime)),
});
export type FaqInput = Static<typeof FaqInput>;
export const FaqPatch = Type.Partial(FaqInput);
export type FaqPatch = Static<typeof FaqPatch>;
export const Faq = Type.Object({
  id: Type.String(),
  question: Type.String(),
  similarQuestions: Type.Array(Type.String()),
  answer: Type.Object({
    text: Type.String(),
    buttons: Type.Array(
      Type.Object({
        label: Type.String(),
        reply: Type.Optional(Type.String()),
        url: Type.Optional(Type.String()),
      }),
    ),
  }),
  channelAnswers: Type.Record(Type.String(), Type.Unknown()),
  categoryId: Nullable(Type.String()),
  locale: Type.String(),
  tags: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  /** enabled and inside its validity dates right now */
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type FaqView = Static<typeof Faq>;
export const FaqListQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'text in the standard question, the similar questions, the answers or the tags (Chinese words, English words and stems, or a substring); results most relevant first',
    }),
  ),
  categoryId: Type.Optional(Uuid),
  includeSubcategories: Type.Optional(
    Type.Boolean({ description: 'with categoryId: entries of its subcategories too' }),
  ),
  uncategorized: Type.Optional(Type.Boolean({ description: 'only entries without a category' })),
  tag: Type.Optional(Tag),
  locale: Type.Optional(KbLocaleSchema),
  enabled: Type.Optional(Type.Boolean()),
});

// ---- import / export

export const ImportBody = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('json')]),
  content: Type.String({ minLength: 1, maxLength: 1_000_000 }),
  dryRun: Type.Optional(Type.Boolean({ description: 'validate only, import nothing' })),
});
export const ImportError = Type.Object({
  row: Type.Integer({ description: 'CSV: the spreadsheet row (header = 1); JSON: the item number from 1' }),
  field: Type.String(),
  reason: Type.String(),
});
export type ImportError = Static<typeof ImportError>;
export const ImportReport = Type.Object({
  imported: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  dryRun: Type.Boolean(),
  errors: Type.Array(ImportError),
});
export const ImportFailure = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(ImportError)),
    requestId: Type.Optional(Type.String()),
  }),
  imported: Type.Integer(),
  errors: Type.Array(ImportError),
});
export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')])),
});

// ---- search

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('articles'), Type.Literal('faqs')])),
  locale: Type.Optional(KbLocaleSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export const SearchHit = Type.Object({
  type: Type.Union([Type.Literal('article'), Type.Literal('faq')]),
  id: Type.String(),
  locale: Type.String(),
  title: Type.String(),
  /** the title, HTML-escaped, with matches in <mark> */
  titleHtml: Type.String(),
  /** a plain-text excerpt around the first match, HTML-escaped, with matches in <mark> */
  snippetHtml: Type.String(),
  score: Type.Number(),
  slug: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  enabled: Type.Optional(Type.Boolean()),
  /** for FAQ hits: the similar question that matched, if any */
  matchedQuestion: Type.Optional(Type.String()),
});
export type SearchHit = Static<typeof SearchHit>;
