import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.js';
import type { Kernel } from '../../kernel.js';
import { invalidField } from '../../platform/errors.js';
import {
  activeFaqsByIds,
  articleData,
  categoryData,
  findTenantBySlug,
  homeData,
  recordFeedback,
  sitemapData,
  type PublicTenant,
} from './help-center.js';
import {
  href,
  renderArticle,
  renderCategory,
  renderHome,
  renderNotFound,
  renderSearch,
  renderSitemap,
  renderUnknownSite,
  type Page,
} from './help-center.render.js';
import type { KbLocale } from './schemas.js';
import { searchKnowledge } from './search.js';
import { helpCenterInbox } from '../widget/index.js';

const VISITOR_COOKIE = 'kefu_hc';
/** No scripts at all; images and videos may come from any https origin (articles link them). */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; media-src 'self' https:; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'self'";
/** With the workspace's chat on its help center: Kefu's own widget script and frame, nothing else. */
const CSP_WITH_CHAT = `${CSP}; script-src 'self'; frame-src 'self'`;

/** `zh`, `zh-CN`, `zh-Hans-CN` → zh-CN; `en`, `en-US` → en; anything else → null. */
export function parseLocale(value: unknown): KbLocale | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v.startsWith('zh-')) return 'zh-CN';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return null;
}

/** `?lang=`, then the browser's Accept-Language (by q-value), then the workspace's default language. */
export function negotiateLocale(query: unknown, acceptLanguage: unknown, fallback: KbLocale): KbLocale {
  const fromQuery = parseLocale((query as Record<string, unknown> | undefined)?.lang);
  if (fromQuery) return fromQuery;
  if (typeof acceptLanguage === 'string') {
    const ranked = acceptLanguage
      .slice(0, 500)
      .split(',')
      .map((part, i) => {
        const [tag, ...params] = part.trim().split(';');
        const qParam = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
        return { tag, q: qParam ? Number(qParam.slice(2)) : 1, i };
      })
      .filter((x) => x.tag && Number.isFinite(x.q) && x.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    for (const { tag } of ranked) {
      const locale = parseLocale(tag);
      if (locale) return locale;
    }
  }
  return fallback;
}

const queryString = (request: FastifyRequest, name: string) => {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** The public help center at /help/<workspace-slug>: server-rendered pages, no sign-in, no scripts but the chat widget the workspace may put there. */
export function helpCenterRoutes(app: App, kernel: Kernel) {
  const origin = kernel.config.publicUrl.replace(/\/+$/, '');
  const config = {
    public: true,
    rateLimit: { max: kernel.config.widgetRateLimitPerMinute, timeWindow: '1 minute' },
  };
  const opts = { config, schema: { hide: true } };

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(body);

  /** The workspace and the page's language, or a 404 page already sent. */
  async function site(request: FastifyRequest, reply: FastifyReply): Promise<Page | null> {
    const slug = (request.params as { slug: string }).slug;
    const tenant: PublicTenant | null = await findTenantBySlug(kernel, slug);
    if (!tenant) {
      void html(
        reply,
        renderUnknownSite(negotiateLocale(request.query, request.headers['accept-language'], 'zh-CN')),
        404,
      );
      return null;
    }
    const locale = negotiateLocale(request.query, request.headers['accept-language'], tenant.defaultLocale);
    const chatInbox = await helpCenterInbox(kernel, tenant.id);
    if (chatInbox) reply.header('content-security-policy', CSP_WITH_CHAT);
    return { tenant, locale, origin, chatInbox };
  }

  /** A random visitor id in a cookie, so "was this helpful?" counts each visitor once. */
  function visitorId(request: FastifyRequest, reply: FastifyReply): string | null {
    const existing = request.cookies[VISITOR_COOKIE];
    if (existing && /^[a-f0-9]{32}$/.test(existing)) return existing;
    reply.setCookie(VISITOR_COOKIE, crypto.randomBytes(16).toString('hex'), {
      path: '/help',
      httpOnly: true,
      sameSite: 'lax',
      secure: kernel.config.secureCookies,
      maxAge: 365 * 86_400,
    });
    return null;
  }

  void app.register(async (scope) => {
    // the feedback buttons post a plain HTML form
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.addHook('onRequest', async (_request, reply) => {
      reply.header('content-security-policy', CSP).header('vary', 'Accept-Language');
    });

    for (const url of ['/help', '/help/'])
      scope.get(url, opts, async (request, reply) =>
        html(
          reply,
          renderUnknownSite(negotiateLocale(request.query, request.headers['accept-language'], 'zh-CN')),
          404,
        ),
      );

    scope.get('/help/:slug', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      return html(reply, renderHome(page, await homeData(kernel, page.tenant)));
    });

    scope.get('/help/:slug/search', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      const q = queryString(request, 'q').trim().slice(0, 200);
      const hits = q
        ? [
            ...(await searchKnowledge(kernel, page.tenant.id, q, {
              type: 'articles',
              publicOnly: true,
              limit: 20,
            })),
            ...(await searchKnowledge(kernel, page.tenant.id, q, {
              type: 'faqs',
              publicOnly: true,
              limit: 10,
            })),
          ].sort((a, b) => b.score - a.score)
        : [];
      const faqs = await activeFaqsByIds(
        kernel,
        page.tenant,
        hits.filter((h) => h.type === 'faq').map((h) => h.id),
      );
      return html(reply, renderSearch(page, q, hits, faqs));
    });

    scope.get('/help/:slug/categories/:id', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      const data = await categoryData(
        kernel,
        page.tenant,
        (request.params as { id: string }).id,
        page.locale,
      );
      return data ? html(reply, renderCategory(page, data)) : html(reply, renderNotFound(page), 404);
    });

    scope.get('/help/:slug/articles/:articleSlug', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      const data = await articleData(
        kernel,
        page.tenant,
        (request.params as { articleSlug: string }).articleSlug,
      );
      if (!data || Object.keys(data.article.translations).length === 0)
        return html(reply, renderNotFound(page), 404);
      visitorId(request, reply);
      return html(
        reply,
        renderArticle(page, data, { thanks: queryString(request, 'feedback') === 'thanks' }),
      );
    });

    scope.post('/help/:slug/articles/:articleSlug/feedback', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      const articleSlug = (request.params as { articleSlug: string }).articleSlug;
      const wantsJson = String(request.headers['content-type'] ?? '').includes('json');
      const raw = (request.body as Record<string, unknown> | null | undefined)?.helpful;
      const helpful =
        raw === true || raw === 'yes' || raw === 'true' || raw === '1'
          ? true
          : raw === false || raw === 'no' || raw === 'false' || raw === '0'
            ? false
            : null;
      const back = href(page, `/articles/${articleSlug}`, helpful === null ? {} : { feedback: 'thanks' });
      if (helpful === null) {
        if (wantsJson) throw invalidField('helpful', 'must be yes or no (true or false)');
        return reply.code(303).header('location', `${back}#feedback`).send();
      }
      // the cookie set with the article page; without one (a first visit or a script), the address and browser
      const visitor = visitorId(request, reply);
      const source = visitor
        ? `cookie:${visitor}`
        : `client:${request.ip}:${String(request.headers['user-agent'] ?? '').slice(0, 300)}`;
      const fingerprint = crypto.createHash('sha256').update(`${page.tenant.id}|${source}`).digest('hex');
      const counts = await recordFeedback(
        kernel,
        page.tenant,
        articleSlug,
        fingerprint,
        page.locale,
        helpful,
      );
      if (!counts) {
        if (wantsJson)
          return reply.code(404).send({
            error: { code: 'article_not_found', message: 'article not found', requestId: request.id },
          });
        return html(reply, renderNotFound(page), 404);
      }
      if (wantsJson) return reply.send({ ok: true, helpful, counts });
      return reply.code(303).header('location', `${back}#feedback`).send();
    });

    scope.get('/help/:slug/sitemap.xml', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      page.locale = page.tenant.defaultLocale;
      return reply
        .type('application/xml; charset=utf-8')
        .send(renderSitemap(page, await sitemapData(kernel, page.tenant)));
    });

    // anything else under a help center: its 404 page (the trailing-slash home redirects)
    scope.get('/help/:slug/*', opts, async (request, reply) => {
      const page = await site(request, reply);
      if (!page) return reply;
      if ((request.params as { '*': string })['*'] === '') {
        const [path, query] = request.url.split('?');
        return reply.redirect(path.replace(/\/+$/, '') + (query ? `?${query}` : ''), 301);
      }
      return html(reply, renderNotFound(page), 404);
    });
  });
}
