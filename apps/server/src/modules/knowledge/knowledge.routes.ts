import { Type } from 'typebox';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { IdParams, errors } from '../../platform/schemas.js';
import { ListQuery, Page } from '../../platform/pagination.js';
import {
  Article,
  ArticleInput,
  ArticleListQuery,
  ArticlePatch,
  ArticleSummary,
  ArticleVersion,
  Category,
  CategoryInput,
  CategoryPatch,
  Faq,
  FaqInput,
  FaqListQuery,
  FaqPatch,
  SearchHit,
  SearchQuery,
  TranslationInput,
  TranslationParams,
  VersionParams,
  createArticle,
  createCategory,
  createFaq,
  deleteArticle,
  deleteCategory,
  deleteFaq,
  deleteTranslation,
  getArticle,
  getCategory,
  getFaq,
  listArticles,
  listCategories,
  listFaqs,
  listVersions,
  putTranslation,
  restoreVersion,
  searchKnowledge,
  setArticleStatus,
  updateArticle,
  updateCategory,
  updateFaq,
} from './index.js';
import { transferRoutes } from './transfer.routes.js';

/** The knowledge base API: `/api/v1/kb/…` (read: kb.read, write: kb.manage). */
export function knowledgeRoutes(app: App, kernel: Kernel) {
  const read = { permission: 'kb.read' } as const;
  const manage = { permission: 'kb.manage' } as const;
  const ArticleBody = Type.Object({ article: Article });
  const CategoryBody = Type.Object({ category: Category });
  const FaqBody = Type.Object({ faq: Faq });
  const deleted = { 204: Type.Null(), ...errors };

  // ---- categories
  {
    const tags = ['knowledge-base'];
    app.get(
      '/api/v1/kb/categories',
      {
        config: read,
        schema: {
          tags,
          response: {
            200: Type.Object({
              items: Type.Array(Category),
              tree: Type.Array(Type.Unknown(), {
                description: 'the same categories nested: { …, children }',
              }),
            }),
            ...errors,
          },
        },
      },
      async (request) => listCategories(kernel, contextOf(request)),
    );
    app.post(
      '/api/v1/kb/categories',
      {
        config: { ...manage, idempotent: true },
        schema: { tags, body: CategoryInput, response: { 201: CategoryBody, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send({ category: await createCategory(kernel, contextOf(request), request.body) }),
    );
    app.get(
      '/api/v1/kb/categories/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: CategoryBody, ...errors } } },
      async (request) => ({ category: await getCategory(kernel, contextOf(request), request.params.id) }),
    );
    app.patch(
      '/api/v1/kb/categories/:id',
      {
        config: manage,
        schema: { tags, params: IdParams, body: CategoryPatch, response: { 200: CategoryBody, ...errors } },
      },
      async (request) => ({
        category: await updateCategory(kernel, contextOf(request), request.params.id, request.body),
      }),
    );
    app.delete(
      '/api/v1/kb/categories/:id',
      { config: manage, schema: { tags, params: IdParams, response: deleted } },
      async (request, reply) => {
        await deleteCategory(kernel, contextOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  }

  // ---- articles
  {
    const tags = ['knowledge-base'];
    app.get(
      '/api/v1/kb/articles',
      {
        config: read,
        schema: {
          tags,
          querystring: Type.Intersect([ListQuery, ArticleListQuery]),
          response: { 200: Page(ArticleSummary), ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        return listArticles(kernel, contextOf(request), filter, limit ?? 50, cursor);
      },
    );
    app.post(
      '/api/v1/kb/articles',
      {
        config: { ...manage, idempotent: true },
        schema: { tags, body: ArticleInput, response: { 201: ArticleBody, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send({ article: await createArticle(kernel, contextOf(request), request.body) }),
    );
    app.get(
      '/api/v1/kb/articles/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: ArticleBody, ...errors } } },
      async (request) => ({ article: await getArticle(kernel, contextOf(request), request.params.id) }),
    );
    app.patch(
      '/api/v1/kb/articles/:id',
      {
        config: manage,
        schema: { tags, params: IdParams, body: ArticlePatch, response: { 200: ArticleBody, ...errors } },
      },
      async (request) => ({
        article: await updateArticle(kernel, contextOf(request), request.params.id, request.body),
      }),
    );
    app.delete(
      '/api/v1/kb/articles/:id',
      { config: manage, schema: { tags, params: IdParams, response: deleted } },
      async (request, reply) => {
        await deleteArticle(kernel, contextOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    for (const [action, status] of [
      ['publish', 'published'],
      ['unpublish', 'draft'],
    ] as const) {
      app.post(
        `/api/v1/kb/articles/:id/${action}`,
        { config: manage, schema: { tags, params: IdParams, response: { 200: ArticleBody, ...errors } } },
        async (request) => ({
          article: await setArticleStatus(kernel, contextOf(request), request.params.id, status),
        }),
      );
    }
    app.get(
      '/api/v1/kb/articles/:id/versions',
      {
        config: read,
        schema: {
          tags,
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(ArticleVersion) }), ...errors },
        },
      },
      async (request) => listVersions(kernel, contextOf(request), request.params.id),
    );
    app.post(
      '/api/v1/kb/articles/:id/versions/:versionId/restore',
      { config: manage, schema: { tags, params: VersionParams, response: { 200: ArticleBody, ...errors } } },
      async (request) => ({
        article: await restoreVersion(
          kernel,
          contextOf(request),
          request.params.id,
          request.params.versionId,
        ),
      }),
    );
    app.put(
      '/api/v1/kb/articles/:id/translations/:locale',
      {
        config: manage,
        schema: {
          tags,
          params: TranslationParams,
          body: TranslationInput,
          response: { 200: ArticleBody, ...errors },
        },
      },
      async (request) => ({
        article: await putTranslation(
          kernel,
          contextOf(request),
          request.params.id,
          request.params.locale,
          request.body,
        ),
      }),
    );
    app.delete(
      '/api/v1/kb/articles/:id/translations/:locale',
      {
        config: manage,
        schema: { tags, params: TranslationParams, response: { 200: ArticleBody, ...errors } },
      },
      async (request) => ({
        article: await deleteTranslation(
          kernel,
          contextOf(request),
          request.params.id,
          request.params.locale,
        ),
      }),
    );
  }

  // ---- FAQ entries
  {
    const tags = ['knowledge-base'];
    app.get(
      '/api/v1/kb/faqs',
      {
        config: read,
        schema: {
          tags,
          querystring: Type.Intersect([ListQuery, FaqListQuery]),
          response: { 200: Page(Faq), ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        return listFaqs(kernel, contextOf(request), filter, limit ?? 50, cursor);
      },
    );
    app.post(
      '/api/v1/kb/faqs',
      {
        config: { ...manage, idempotent: true },
        schema: { tags, body: FaqInput, response: { 201: FaqBody, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send({ faq: await createFaq(kernel, contextOf(request), request.body) }),
    );
    app.get(
      '/api/v1/kb/faqs/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: FaqBody, ...errors } } },
      async (request) => ({ faq: await getFaq(kernel, contextOf(request), request.params.id) }),
    );
    app.patch(
      '/api/v1/kb/faqs/:id',
      {
        config: manage,
        schema: { tags, params: IdParams, body: FaqPatch, response: { 200: FaqBody, ...errors } },
      },
      async (request) => ({
        faq: await updateFaq(kernel, contextOf(request), request.params.id, request.body),
      }),
    );
    app.delete(
      '/api/v1/kb/faqs/:id',
      { config: manage, schema: { tags, params: IdParams, response: deleted } },
      async (request, reply) => {
        await deleteFaq(kernel, contextOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  }

  transferRoutes(app, kernel);

  app.get(
    '/api/v1/kb/search',
    {
      config: read,
      schema: {
        tags: ['knowledge-base'],
        description:
          'Searches article titles and bodies and FAQ questions, similar questions and answers (Chinese and English). titleHtml and snippetHtml are HTML-escaped with <mark> around matches.',
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(SearchHit) }), ...errors },
      },
    },
    async (request) => {
      const { q, type, locale, limit } = request.query;
      return {
        items: await searchKnowledge(kernel, contextOf(request).tenantId, q, { type, locale, limit }),
      };
    },
  );
}
