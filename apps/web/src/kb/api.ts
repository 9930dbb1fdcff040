import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError, api, getAll, getPage, loadCsrfToken, type Locale, type Tenant } from '../api';
import type {
  Article,
  ArticleSummary,
  ArticleVersion,
  Faq,
  ImportReport,
  KbCategory,
  KbCategoryNode,
} from './types';

export const kbKeys = {
  all: ['kb'] as const,
  categories: ['kb', 'categories'] as const,
  faqs: ['kb', 'faqs'] as const,
  faq: (id: string) => ['kb', 'faq', id] as const,
  articles: ['kb', 'articles'] as const,
  article: (id: string) => ['kb', 'article', id] as const,
  versions: (id: string) => ['kb', 'article', id, 'versions'] as const,
  tenant: ['tenant'] as const,
};

export function useTenant() {
  return useQuery({
    queryKey: kbKeys.tenant,
    queryFn: () => api.get<{ tenant: Tenant }>('/tenant'),
    staleTime: 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: kbKeys.categories,
    queryFn: () => api.get<{ items: KbCategory[]; tree: KbCategoryNode[] }>('/kb/categories'),
  });
}

/** What the FAQ list shows: a search text (matched by the server) and 'all', 'none' or a category's id. */
export interface FaqListFilter {
  q: string;
  category: string;
}

export const FAQ_PAGE = 50;

/** GET /kb/faqs for a filter: the text as `q`, a category with its subcategories, or the uncategorized. */
export function faqListPath({ q, category }: FaqListFilter): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (category === 'none') params.set('uncategorized', 'true');
  else if (category !== 'all') {
    params.set('categoryId', category);
    params.set('includeSubcategories', 'true');
  }
  const qs = params.toString();
  return qs ? `/kb/faqs?${qs}` : '/kb/faqs';
}

/** The FAQ list page by page (most relevant first when searching, else newest first). */
export function useFaqList(filter: FaqListFilter) {
  const path = faqListPath(filter);
  const query = useInfiniteQuery({
    queryKey: [...kbKeys.faqs, 'list', path],
    queryFn: ({ pageParam }) => getPage<Faq>(path, pageParam, FAQ_PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // keep the rows on screen while the next search runs
    placeholderData: keepPreviousData,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

export const fetchFaq = (id: string) => api.get<{ faq: Faq }>(`/kb/faqs/${id}`).then((r) => r.faq);

export function useArticles() {
  return useQuery({ queryKey: kbKeys.articles, queryFn: () => getAll<ArticleSummary>('/kb/articles') });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: kbKeys.article(id ?? ''),
    queryFn: () => api.get<{ article: Article }>(`/kb/articles/${id}`).then((r) => r.article),
    enabled: !!id,
  });
}

export function useArticleVersions(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: kbKeys.versions(id ?? ''),
    queryFn: () => api.get<{ items: ArticleVersion[] }>(`/kb/articles/${id}/versions`).then((r) => r.items),
    enabled: !!id && enabled,
  });
}

/** A category's name in the UI language, else in the other one. */
export function categoryName(c: Pick<KbCategory, 'names'>, locale: Locale): string {
  return c.names[locale] || c.names['zh-CN'] || c.names.en || '';
}

/** Categories in tree order with their depth (for selects and the tree view). */
export function flattenTree(tree: KbCategoryNode[], depth = 0): { node: KbCategoryNode; depth: number }[] {
  const sorted = [...tree].sort((a, b) => a.position - b.position);
  return sorted.flatMap((node) => [{ node, depth }, ...flattenTree(node.children ?? [], depth + 1)]);
}

/** Options for a category Select: indented by depth; `exclude` drops a subtree (no moving under itself). */
export function categoryOptions(tree: KbCategoryNode[], locale: Locale, exclude?: string) {
  const out: { value: string; label: string }[] = [];
  const walk = (nodes: KbCategoryNode[], depth: number) => {
    for (const n of [...nodes].sort((a, b) => a.position - b.position)) {
      if (n.id === exclude) continue;
      out.push({ value: n.id, label: `${'\u2003'.repeat(depth)}${categoryName(n, locale)}` });
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

/** Ids of a category and all its subcategories. */
export function subtreeIds(tree: KbCategoryNode[], id: string): Set<string> {
  const out = new Set<string>();
  const find = (nodes: KbCategoryNode[]): KbCategoryNode | null => {
    for (const n of nodes) {
      if (n.id === id) return n;
      const hit = find(n.children ?? []);
      if (hit) return hit;
    }
    return null;
  };
  const add = (n: KbCategoryNode) => {
    out.add(n.id);
    (n.children ?? []).forEach(add);
  };
  const root = find(tree);
  if (root) add(root);
  return out;
}

export type TransferKind = 'faqs' | 'articles';

/**
 * Uploads an import file (multipart, so GBK/GB18030 CSV from Excel works). Resolves with the report both for
 * a clean run (200) and for a rejected one (422 import_invalid); other failures throw ApiError.
 */
export async function uploadImport(kind: TransferKind, file: File, dryRun: boolean): Promise<ImportReport> {
  const build = () => {
    const form = new FormData();
    // fields before the file: the server reads the ones that precede it
    form.append('format', /\.json$/i.test(file.name) ? 'json' : 'csv');
    form.append('dryRun', dryRun ? 'true' : 'false');
    form.append('file', file, file.name);
    return form;
  };
  const send = (token: string | null) =>
    fetch(`/api/v1/kb/${kind}/import/file`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: token ? { 'x-csrf-token': token, accept: 'application/json' } : { accept: 'application/json' },
      body: build(),
    });
  let res: Response;
  try {
    res = await send(await loadCsrfToken().catch(() => null));
    if (res.status === 403) res = await send(await loadCsrfToken(true));
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  const body = (await res.json().catch(() => null)) as
    (Partial<ImportReport> & { error?: { code: string; message: string; details?: unknown } }) | null;
  if (res.ok && body) return body as ImportReport;
  if (res.status === 422 && body && Array.isArray(body.errors)) {
    return { imported: 0, created: 0, updated: 0, dryRun, errors: body.errors };
  }
  throw new ApiError(
    res.status,
    body?.error?.code ?? (res.status === 413 ? 'file_too_large' : 'http_error'),
    body?.error?.message ?? res.statusText,
    body?.error?.details,
  );
}

export const exportUrl = (kind: TransferKind, format: 'csv' | 'json') =>
  `/api/v1/kb/${kind}/export?format=${format}`;
