import { t, type MessageKey } from '../../platform/i18n.js';
import { localized } from './categories.js';
import type { ListedArticle, PublicTenant } from './help-center.js';
import { renderMarkdown } from './markdown.js';
import type { CategoryNode, CategoryView, FaqView, KbLocale, SearchHit } from './schemas.js';
import { escapeHtml as e, plainText } from './text.js';

/** Server-rendered pages of the public help center. Every dynamic text goes through `e` or the Markdown renderer. */

export interface Page {
  tenant: PublicTenant;
  locale: KbLocale;
  /** PUBLIC_URL without a trailing slash */
  origin: string;
  /** Public id of the website inbox whose chat widget the pages show (the workspace chose to). */
  chatInbox?: string | null;
}

const tr = (p: Page, key: MessageKey, vars: Record<string, string> = {}) => t(p.locale, key, vars);
const OTHER: Record<KbLocale, KbLocale> = { 'zh-CN': 'en', en: 'zh-CN' };
const LOCALE_NAMES: Record<KbLocale, string> = { 'zh-CN': '中文', en: 'English' };

/** A link inside the help center in the page's language. */
export const href = (p: Page, path: string, params: Record<string, string> = {}, locale = p.locale) => {
  const query = new URLSearchParams({ ...params, lang: locale }).toString();
  return `/help/${encodeURIComponent(p.tenant.slug)}${path}?${query}`;
};
/** The absolute address search engines should index: no `lang` for the workspace's default language. */
const canonical = (p: Page, path: string, locale = p.locale) =>
  `${p.origin}/help/${encodeURIComponent(p.tenant.slug)}${path}${locale === p.tenant.defaultLocale ? '' : `?lang=${locale}`}`;

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.65 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0b61d8;text-decoration:none}a:hover{text-decoration:underline}
header.top{background:#fff;border-bottom:1px solid #e3e6ea}header.top .bar{max-width:960px;margin:0 auto;padding:12px 20px;display:flex;align-items:center;justify-content:space-between;gap:12px}
.brand{font-weight:600;color:#1f2328}.lang a{margin-left:10px;font-size:14px}.lang a[aria-current]{color:#1f2328;font-weight:600}
.hero{background:linear-gradient(135deg,#0b61d8,#2b8af7);color:#fff;padding:40px 20px;text-align:center}.hero h1{margin:0 0 16px;font-size:28px}
form.search{display:flex;max-width:560px;margin:0 auto;gap:8px}form.search input{flex:1;padding:10px 14px;border:1px solid #c9ced6;border-radius:8px;font:inherit}
form.search button,.feedback button{padding:10px 18px;border:0;border-radius:8px;background:#1f2328;color:#fff;font:inherit;cursor:pointer}
main{max-width:960px;margin:0 auto;padding:24px 20px 48px}section{margin-bottom:32px}h2{font-size:20px;margin:0 0 12px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:14px;padding:0;list-style:none;margin:0}
.card{display:block;background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:16px;color:inherit}.card:hover{border-color:#0b61d8;text-decoration:none}
.card strong{display:block;color:#0b61d8}.muted{color:#656d76;font-size:14px}
ul.list{list-style:none;padding:0;margin:0;background:#fff;border:1px solid #e3e6ea;border-radius:10px}ul.list li{padding:12px 16px;border-top:1px solid #eef0f3}ul.list li:first-child{border-top:0}
details{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:12px 16px;margin-bottom:10px}summary{cursor:pointer;font-weight:600}
article.doc{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:24px 28px}article.doc h1{margin-top:0;font-size:26px}
.doc img,.doc video{max-width:100%;height:auto;border-radius:6px}.doc pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}.doc table{border-collapse:collapse}.doc table{margin:0 0 16px}.doc td,.doc th{border:1px solid #e3e6ea;padding:6px 10px}
a.video-link::before{content:"▶ "}nav.crumbs{font-size:14px;margin-bottom:12px}nav.crumbs a{color:#656d76}
.related{margin-top:28px}.feedback{margin-top:20px;background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:16px 20px}.feedback form{display:flex;gap:10px;margin:8px 0}.feedback button.no{background:#fff;color:#1f2328;border:1px solid #c9ced6}
mark{background:#fff3b0;color:inherit;padding:0 1px}.note{background:#fff8e5;border:1px solid #f5d58a;border-radius:8px;padding:8px 12px;font-size:14px}
.buttons a{display:inline-block;margin:6px 8px 0 0;padding:4px 12px;border:1px solid #0b61d8;border-radius:999px;font-size:14px}
footer{text-align:center;color:#8c959f;font-size:13px;padding:24px}
`;

interface Meta {
  title: string;
  description: string;
  path: string;
  ogType?: 'website' | 'article';
  /** languages this page exists in (for hreflang); default both */
  locales?: KbLocale[];
  /** query parameters the language switch keeps (the search words) */
  params?: Record<string, string>;
  noindex?: boolean;
}

function layout(p: Page, meta: Meta, main: string, hero = '') {
  const site = `${p.tenant.name} ${tr(p, 'help.title')}`;
  const fullTitle = meta.title === site ? site : `${meta.title} · ${site}`;
  const locales = meta.locales ?? (['zh-CN', 'en'] as KbLocale[]);
  const alternates = locales
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${e(canonical(p, meta.path, l))}">`)
    .join('');
  const langLinks = (['zh-CN', 'en'] as KbLocale[])
    .map(
      (l) =>
        `<a href="${e(href(p, meta.path, meta.params ?? {}, l))}" hreflang="${l}" lang="${l}"${l === p.locale ? ' aria-current="true"' : ''}>${LOCALE_NAMES[l]}</a>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${p.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(fullTitle)}</title>
<meta name="description" content="${e(meta.description)}">
${meta.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="canonical" href="${e(canonical(p, meta.path))}">
${alternates}<link rel="alternate" hreflang="x-default" href="${e(canonical(p, meta.path, p.tenant.defaultLocale))}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${e(meta.title)}">
<meta property="og:description" content="${e(meta.description)}">
<meta property="og:url" content="${e(canonical(p, meta.path))}">
<meta property="og:site_name" content="${e(site)}">
<meta property="og:locale" content="${p.locale.replace('-', '_')}">
<meta name="twitter:card" content="summary">
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="bar"><a class="brand" href="${e(href(p, ''))}">${e(site)}</a><nav class="lang" aria-label="${e(tr(p, 'help.language'))}">${langLinks}</nav></div></header>
${hero}<main>
${main}
</main>
<footer>${e(tr(p, 'help.poweredBy'))}</footer>
${p.chatInbox ? `<script src="/widget.js" data-inbox="${e(p.chatInbox)}" data-locale="${p.locale}" async></script>\n` : ''}</body>
</html>`;
}

function searchForm(p: Page, q = '') {
  return `<form class="search" role="search" method="get" action="/help/${e(encodeURIComponent(p.tenant.slug))}/search">
<input type="hidden" name="lang" value="${p.locale}">
<input type="search" name="q" value="${e(q)}" maxlength="200" placeholder="${e(tr(p, 'help.search.placeholder'))}" aria-label="${e(tr(p, 'help.search.label'))}">
<button type="submit">${e(tr(p, 'help.search.button'))}</button>
</form>`;
}

/** The article's text in the page's language, else in the workspace's default, else any. */
export function pickTranslation<T>(
  translations: Record<string, T>,
  p: Page,
): { locale: KbLocale; value: T } | null {
  for (const l of [p.locale, p.tenant.defaultLocale, OTHER[p.locale]])
    if (translations[l]) return { locale: l, value: translations[l] };
  return null;
}

const summaryOf = (tr: { description?: string; excerpt?: string; bodyMd?: string }) =>
  (tr.description?.trim() || plainText(tr.excerpt ?? tr.bodyMd ?? '')).slice(0, 160);

function articleItems(p: Page, articles: ListedArticle[]) {
  const items = articles
    .map((a) => {
      const pick = pickTranslation(a.translations, p);
      if (!pick) return '';
      const summary = summaryOf(pick.value);
      return `<li><a href="${e(href(p, `/articles/${a.slug}`))}"${pick.locale !== p.locale ? ` lang="${pick.locale}"` : ''}>${e(pick.value.title)}</a>${summary ? `<div class="muted">${e(summary)}</div>` : ''}</li>`;
    })
    .join('');
  return items ? `<ul class="list">${items}</ul>` : `<p class="muted">${e(tr(p, 'help.empty'))}</p>`;
}

function categoryCards(p: Page, categories: (CategoryView | CategoryNode)[]) {
  if (categories.length === 0) return `<p class="muted">${e(tr(p, 'help.empty'))}</p>`;
  return `<ul class="grid">${categories
    .map((c) => {
      const description = localized(c.descriptions, p.locale);
      return `<li><a class="card" href="${e(href(p, `/categories/${c.id}`))}"><strong>${e(localized(c.names, p.locale))}</strong>${
        description ? `<span class="muted">${e(description)}</span><br>` : ''
      }<span class="muted">${e(tr(p, c.articleCount === 1 ? 'help.articleCount.one' : 'help.articleCount', { n: String(c.articleCount) }))}</span></a></li>`;
    })
    .join('')}</ul>`;
}

function faqList(p: Page, faqs: FaqView[]) {
  return faqs
    .map(
      (f) =>
        `<details><summary>${e(f.question)}</summary>${renderMarkdown(f.answer.text)}${
          f.answer.buttons.some((b) => b.url)
            ? `<div class="buttons">${f.answer.buttons
                .filter((b) => b.url)
                .map((b) => `<a href="${e(b.url!)}" rel="nofollow noopener noreferrer">${e(b.label)}</a>`)
                .join('')}</div>`
            : ''
        }</details>`,
    )
    .join('');
}

export function renderHome(p: Page, data: { tree: CategoryNode[]; popular: ListedArticle[] }) {
  const hero = `<div class="hero"><h1>${e(tr(p, 'help.heading'))}</h1>${searchForm(p)}</div>`;
  const main = `<section><h2>${e(tr(p, 'help.categories'))}</h2>${categoryCards(p, data.tree)}</section>
<section><h2>${e(tr(p, 'help.popular'))}</h2>${articleItems(p, data.popular)}</section>`;
  const site = `${p.tenant.name} ${tr(p, 'help.title')}`;
  return layout(
    p,
    { title: site, description: tr(p, 'help.description', { name: p.tenant.name }), path: '' },
    main,
    hero,
  );
}

const crumbs = (p: Page, path: CategoryView[], current?: string) =>
  `<nav class="crumbs" aria-label="breadcrumb"><a href="${e(href(p, ''))}">${e(tr(p, 'help.home'))}</a>${path
    .map((c) => ` › <a href="${e(href(p, `/categories/${c.id}`))}">${e(localized(c.names, p.locale))}</a>`)
    .join('')}${current ? ` › <span>${e(current)}</span>` : ''}</nav>`;

export function renderCategory(
  p: Page,
  data: {
    category: CategoryView;
    path: CategoryView[];
    children: CategoryView[];
    articles: ListedArticle[];
    faqs: FaqView[];
  },
) {
  const name = localized(data.category.names, p.locale);
  const description = localized(data.category.descriptions, p.locale);
  const main = `${crumbs(p, data.path.slice(0, -1), name)}
<h1>${e(name)}</h1>${description ? `<p class="muted">${e(description)}</p>` : ''}
${searchForm(p)}
${data.children.length ? `<section><h2>${e(tr(p, 'help.subcategories'))}</h2>${categoryCards(p, data.children)}</section>` : ''}
<section><h2>${e(tr(p, 'help.articles'))}</h2>${articleItems(p, data.articles)}</section>
${data.faqs.length ? `<section><h2>${e(tr(p, 'help.faqs'))}</h2>${faqList(p, data.faqs)}</section>` : ''}`;
  return layout(
    p,
    {
      title: name,
      description: description || `${name} · ${tr(p, 'help.description', { name: p.tenant.name })}`,
      path: `/categories/${data.category.id}`,
    },
    main,
  );
}

export function renderArticle(
  p: Page,
  data: {
    article: {
      slug: string;
      translations: Record<string, { title: string; description: string; bodyMd: string; updatedAt: string }>;
      helpful: { yes: number };
    };
    path: CategoryView[];
    related?: ListedArticle[];
  },
  opts: { thanks: boolean },
) {
  const pick = pickTranslation(data.article.translations, p)!;
  const { title, bodyMd, updatedAt } = pick.value;
  const date = new Intl.DateTimeFormat(p.locale, {
    dateStyle: 'medium',
    timeZone: safeZone(p.tenant.timezone),
  }).format(new Date(updatedAt));
  const path = `/articles/${data.article.slug}`;
  const feedback = opts.thanks
    ? `<p role="status"><strong>${e(tr(p, 'help.feedback.thanks'))}</strong></p>`
    : `<form method="post" action="${e(href(p, `${path}/feedback`))}">
<button type="submit" name="helpful" value="yes">${e(tr(p, 'help.feedback.yes'))}</button>
<button type="submit" name="helpful" value="no" class="no">${e(tr(p, 'help.feedback.no'))}</button>
</form>`;
  const main = `${crumbs(p, data.path, title)}
<article class="doc"${pick.locale !== p.locale ? ` lang="${pick.locale}"` : ''}>
${pick.locale !== p.locale ? `<p class="note" lang="${p.locale}">${e(tr(p, 'help.fallback'))}</p>` : ''}
<h1>${e(title)}</h1>
<p class="muted">${e(tr(p, 'help.updated', { date }))}</p>
${renderMarkdown(bodyMd)}
</article>
<section class="feedback" id="feedback"><h2>${e(tr(p, 'help.feedback.question'))}</h2>${feedback}
${data.article.helpful.yes > 0 ? `<p class="muted">${e(tr(p, 'help.feedback.count', { n: String(data.article.helpful.yes) }))}</p>` : ''}${p.chatInbox ? `<p class="muted">${e(tr(p, 'help.chatHint'))}</p>` : ''}</section>
${data.related?.length ? `<section class="related"><h2>${e(tr(p, 'help.related'))}</h2>${articleItems(p, data.related)}</section>` : ''}`;
  const description = summaryOf(pick.value) || title;
  return layout(
    p,
    {
      title,
      description,
      path,
      ogType: 'article',
      locales: (['zh-CN', 'en'] as KbLocale[]).filter((l) => data.article.translations[l]),
    },
    main,
  );
}

export function renderSearch(p: Page, q: string, hits: SearchHit[], faqs: Map<string, FaqView>) {
  const results = hits
    .map((h) => {
      if (h.type === 'article')
        return `<li><a href="${e(href(p, `/articles/${h.slug ?? ''}`))}">${h.titleHtml}</a><div class="muted">${h.snippetHtml}</div></li>`;
      const faq = faqs.get(h.id);
      return faq
        ? `<li><details><summary>${h.titleHtml}</summary>${renderMarkdown(faq.answer.text)}</details></li>`
        : '';
    })
    .join('');
  const heading = q ? tr(p, 'help.search.title', { q }) : tr(p, 'help.search.empty');
  const main = `${crumbs(p, [], tr(p, 'help.search.button'))}
${searchForm(p, q)}
<section><h1>${e(heading)}</h1>${q ? (results ? `<ul class="list">${results}</ul>` : `<p class="muted">${e(tr(p, 'help.search.none'))}</p>`) : ''}</section>`;
  return layout(
    p,
    {
      title: heading,
      description: tr(p, 'help.description', { name: p.tenant.name }),
      path: '/search',
      params: q ? { q } : {},
      noindex: true,
    },
    main,
  );
}

export function renderNotFound(p: Page) {
  const main = `<section><h1>${e(tr(p, 'help.notFound.title'))}</h1><p>${e(tr(p, 'help.notFound.text'))}</p>
<p><a href="${e(href(p, ''))}">${e(tr(p, 'help.back'))}</a></p></section>`;
  return layout(
    p,
    {
      title: tr(p, 'help.notFound.title'),
      description: tr(p, 'help.notFound.text'),
      path: '',
      noindex: true,
    },
    main,
  );
}

/** For a slug no workspace has: a bare page in the visitor's language. */
export function renderUnknownSite(locale: KbLocale) {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t(locale, 'help.notFound.title'))}</title><meta name="robots" content="noindex"><style>${CSS}</style></head>
<body><main><h1>${e(t(locale, 'help.notFound.title'))}</h1><p>${e(t(locale, 'help.notFound.text'))}</p></main></body></html>`;
}

export function renderSitemap(
  p: Page,
  data: {
    articles: { slug: string; locales: string[]; updatedAt: string }[];
    categories: { id: string; updatedAt: string }[];
  },
) {
  const url = (loc: string, lastmod?: string) =>
    `<url><loc>${e(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
  const urls = [url(canonical(p, '', p.tenant.defaultLocale))];
  for (const c of data.categories)
    urls.push(url(canonical(p, `/categories/${c.id}`, p.tenant.defaultLocale), c.updatedAt));
  for (const a of data.articles)
    for (const l of a.locales)
      urls.push(url(canonical(p, `/articles/${a.slug}`, l as KbLocale), a.updatedAt));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

function safeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}
