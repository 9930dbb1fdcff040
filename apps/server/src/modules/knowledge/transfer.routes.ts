import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contextOf, type App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { AppError } from '../../platform/errors.js';
import { errors } from '../../platform/schemas.js';
import type { RequestContext } from '../../platform/principal.js';
import { exportArticles, importArticles } from './articles-transfer.js';
import { decodeUpload, type ImportResult } from './csv-io.js';
import { ExportQuery, ImportBody, ImportFailure, ImportReport } from './schemas.js';
import { exportFaqs, importFaqs } from './transfer.js';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
type Format = 'csv' | 'json';

interface Kind {
  path: 'faqs' | 'articles';
  what: string;
  import(
    kernel: Kernel,
    ctx: RequestContext,
    input: { format: Format; content: string; dryRun?: boolean },
  ): Promise<ImportResult>;
  export(
    kernel: Kernel,
    ctx: RequestContext,
    format: Format,
  ): Promise<{ contentType: string; filename: string; body: string }>;
}
const KINDS: Kind[] = [
  { path: 'faqs', what: 'FAQ entries', import: importFaqs, export: exportFaqs },
  {
    path: 'articles',
    what: 'articles (all languages, drafts too)',
    import: importArticles,
    export: exportArticles,
  },
];

/** 200 with the report, or 422 with the error envelope and the same report when any row is bad. */
function sendReport(reply: FastifyReply, report: ImportResult) {
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
}

/** An uploaded import file: its text (UTF-8 or GB18030), its format (field or file name) and dryRun. */
async function readUpload(request: FastifyRequest) {
  const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES } });
  if (!file)
    throw new AppError(400, 'validation_failed', 'file: missing', [{ field: 'file', message: 'missing' }]);
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
  return { format: format as Format, content, dryRun };
}

/** Import and export of FAQ entries and articles: `/api/v1/kb/{faqs,articles}/{import,import/file,export}`. */
export function transferRoutes(app: App, kernel: Kernel) {
  const tags = ['knowledge-base'];
  const responses = { 200: ImportReport, 422: ImportFailure, ...errors };
  for (const kind of KINDS) {
    app.get(
      `/api/v1/kb/${kind.path}/export`,
      {
        config: { permission: 'kb.read' },
        schema: {
          tags,
          description: `All ${kind.what} as a file: CSV (UTF-8 with BOM; lists joined by " | ") or JSON. See docs/knowledge-base.md.`,
          querystring: ExportQuery,
          produces: ['text/csv', 'application/json'],
          response: { 200: Type.Unknown({ description: 'the file (CSV or JSON)' }), ...errors },
        },
      },
      async (request, reply) => {
        const file = await kind.export(kernel, contextOf(request), request.query.format ?? 'csv');
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(Buffer.from(file.body, 'utf8')); // a Buffer goes out as is, never re-serialised
      },
    );
    app.post(
      `/api/v1/kb/${kind.path}/import`,
      {
        config: { permission: 'kb.manage' },
        schema: {
          tags,
          description: `Imports ${kind.what} from CSV or JSON text. Every row is checked first; if any is bad, nothing is imported and the 422 response lists each row, field and reason.`,
          body: ImportBody,
          response: responses,
        },
      },
      async (request, reply) =>
        sendReport(reply, await kind.import(kernel, contextOf(request), request.body)),
    );
    app.post(
      `/api/v1/kb/${kind.path}/import/file`,
      {
        config: { permission: 'kb.manage' },
        schema: {
          tags,
          description:
            'The same import from an uploaded file (multipart field "file"; optional fields "format" = csv|json, otherwise from the file name, and "dryRun" = true). UTF-8 or GB18030 (Excel) text.',
          consumes: ['multipart/form-data'],
          response: responses,
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        return sendReport(reply, await kind.import(kernel, ctx, await readUpload(request)));
      },
    );
  }
}
