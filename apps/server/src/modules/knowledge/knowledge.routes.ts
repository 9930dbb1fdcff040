import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { AppError } from '../../platform/errors.js';
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
  ExportQuery,
  Faq,
  FaqInput,
  FaqListQuery,
  FaqPatch,
  ImportBody,
  ImportFailure,
  ImportReport,
  SearchHit,
  SearchQuery,
  TranslationInput,
  TranslationParams,
  VersionParams,
  createArticle,
  createCategory,
  createFaq,
  decodeUpload,
  deleteArticle,
  deleteCategory,
  deleteFaq,
  deleteTranslation,
  exportFaqs,
  getArticle,
  getCategory,
  getFaq,
  importFaqs,
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

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

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
      '/api/v1/kb/faqs/export',
      {
        config: read,
        schema: {
          tags,
          description:
            'All FAQ entries as a file: CSV (UTF-8 with BOM; lists joined by " | ") or JSON. See docs/knowledge-base.md.',
          querystring: ExportQuery,
          produces: ['text/csv', 'application/json'],
          response: { 200: Type.Unknown({ description: 'the file (CSV or JSON)' }), ...errors },
        },
      },
      async (request, reply) => {
        const file = await exportFaqs(kernel, contextOf(request), request.query.format ?? 'csv');
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(Buffer.from(file.body, 'utf8')); // a Buffer goes out as is, never re-serialised
      },
    );
    const sendReport = (reply: FastifyReply, report: Awaited<ReturnType<typeof importFaqs>>) => {
      if (report.errors.length === 0) return reply.code(200).send(report);
      return reply.code(422).send({
        error: {
          code: 'import_invalid',
          message: `${report.errors.length} problem(s) found; nothing was imported`,
          details: report.errors,
          requestId: reply.request.id,
        },
        imported: 0,
        errors: report.errors,
      });
    };
    const importResponses = { 200: ImportReport, 422: ImportFailure, ...errors };
    app.post(
      '/api/v1/kb/faqs/import',
      {
        config: manage,
        schema: {
          tags,
          description:
            'Imports FAQ entries from CSV or JSON text. Every row is checked first; if any is bad, nothing is imported and the 422 response lists each row, field and reason.',
          body: ImportBody,
          response: importResponses,
        },
      },
      async (request, reply) => sendReport(reply, await importFaqs(kernel, contextOf(request), request.body)),
    );
    app.post(
      '/api/v1/kb/faqs/import/file',
      {
        config: manage,
        schema: {
          tags,
          description:
            'The same import from an uploaded file (multipart field "file"; optional fields "format" = csv|json, otherwise from the file name, and "dryRun" = true). UTF-8 or GB18030 (Excel) text.',
          consumes: ['multipart/form-data'],
          response: importResponses,
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES } });
        if (!file)
          throw new AppError(400, 'validation_failed', 'file: missing', [
            { field: 'file', message: 'missing' },
          ]);
        const data = await file.toBuffer().catch((err: any) => {
          if (err?.code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError(413, 'file_too_large', 'import files may have at most 5 MB', [
              { field: 'file', message: 'too large' },
            ]);
          throw err;
        });
        const field = (name: string) => {
          const f = (file.fields as Record<string, any>)[name];
          return typeof f?.value === 'string' ? f.value.trim().toLowerCase() : '';
        };
        const format = field('format') || (/\.json$/i.test(file.filename ?? '') ? 'json' : 'csv');
        if (format !== 'csv' && format !== 'json')
          throw new AppError(400, 'validation_failed', 'format: must be csv or json', [
            { field: 'format', message: 'must be csv or json' },
          ]);
        const content = decodeUpload(data);
        if (!content.trim() || content.includes('\u0000'))
          throw new AppError(400, 'validation_failed', 'file: empty or not text', [
            { field: 'file', message: 'empty or not text' },
          ]);
        const dryRun = ['true', '1', 'yes', 'on'].includes(field('dryRun') || field('dryrun'));
        return sendReport(reply, await importFaqs(kernel, ctx, { format, content, dryRun }));
      },
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
