import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { AppError } from '../../platform/errors.js';
import { DEMO_SLUG } from '../../seed-constants.js';

const WIDGET_ROOT = path.resolve(new URL('../../../../../packages/widget', import.meta.url).pathname);
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
};

async function sendWidgetFile(reply: FastifyReply, relative: string) {
  const root = path.join(WIDGET_ROOT, 'dist');
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) throw new AppError(404, 'file_not_found', 'file not found');
  const data = await fs.promises.readFile(file).catch(() => null);
  if (!data) throw new AppError(404, 'file_not_found', 'file not found (build the widget: npm run build)');
  return reply.header('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream').send(data);
}

/**
 * The widget's files and the demo shop page. The loader script is fetched cross-site and the frame is
 * embedded by customers' pages, so these two relax the defaults that keep the workspace un-embeddable.
 */
export function demoRoutes(app: App, kernel: Kernel) {
  app.get('/widget.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300');
    return sendWidgetFile(reply, 'widget.js');
  });

  app.get('/widget/frame/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'] || 'index.html';
    reply.removeHeader('x-frame-options');
    reply
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' ws: wss:; media-src 'self' data:; frame-ancestors *",
      )
      .header('cross-origin-resource-policy', 'cross-origin');
    return sendWidgetFile(reply, path.join('frame', rest));
  });

  // the demo shop's own script and styles (a page script, so it stays within the default script-src 'self')
  app.get('/demo/:file', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    if (!['demo.js', 'demo.css'].includes(file)) throw new AppError(404, 'file_not_found', 'file not found');
    const data = await fs.promises.readFile(path.join(WIDGET_ROOT, 'demo', file));
    return reply.header('content-type', TYPES[path.extname(file)]).send(data);
  });

  // the demo shop's order API, which the demo bot's order-status flow calls: made-up orders, by number
  app.get(
    '/demo/api/orders/:number',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const number = (request.params as { number: string }).number.toUpperCase();
      if (!/^KF[0-9]{8}$/.test(number) || number.endsWith('0')) {
        return reply.code(404).send({ error: { code: 'order_not_found', message: 'no such order' } });
      }
      const last = Number(number.slice(-1));
      const [statusText, detail, status] =
        last <= 3
          ? ['待发货', '仓库正在打包，预计 24 小时内发出', 'processing']
          : last <= 6
            ? ['运输中', `顺丰速运 SF${number.slice(2)}，预计明天送达`, 'shipped']
            : ['已签收', '包裹已由本人签收', 'delivered'];
      return { number, status, statusText, detail };
    },
  );

  app.get('/demo', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const [inbox] = await kernel.db.system.query(
      `SELECT i.public_id FROM inboxes i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND i.channel = 'website' ORDER BY i.created_at LIMIT 1`,
      [DEMO_SLUG],
    );
    if (!inbox)
      throw new AppError(404, 'demo_not_found', 'the demo workspace is not set up (run: kefu seed)');
    const template = await fs.promises
      .readFile(path.join(WIDGET_ROOT, 'demo', 'index.html'), 'utf8')
      .catch(() => null);
    if (!template) throw new AppError(404, 'demo_not_found', 'the demo page is missing');
    return reply
      .type('text/html; charset=utf-8')
      .send(template.replaceAll('__KEFU_INBOX__', inbox.public_id));
  });
}
