/**
 * Knowledge base: categories (a tree), articles (Markdown, draft/published, versions, zh-CN/en translations),
 * FAQ entries (standard + similar questions, answers with buttons, per-channel answers, validity dates),
 * search, import/export, and the public help center. Other modules import only from here.
 */
export * from './schemas.js';
export {
  listCategories,
  getCategory,
  createCategory,
  updateCategory,
  deleteCategory,
  buildTree,
} from './categories.js';
export {
  listArticles,
  getArticle,
  createArticle,
  insertArticle,
  updateArticle,
  putTranslation,
  deleteTranslation,
  setArticleStatus,
  deleteArticle,
  listVersions,
  restoreVersion,
  type ArticleView,
} from './articles.js';
export {
  listFaqs,
  getFaq,
  createFaq,
  updateFaq,
  deleteFaq,
  activeFaqs,
  normalizeFaq,
  insertFaqRow,
  type FaqValue,
} from './faqs.js';
export { importFaqs, exportFaqs, CSV_COLUMNS, MAX_IMPORT_ROWS } from './transfer.js';
export { decodeUpload, type ImportResult } from './csv-io.js';
export { importArticles, exportArticles, ARTICLE_CSV_COLUMNS } from './articles-transfer.js';
export { searchKnowledge, type SearchOptions } from './search.js';
export { renderMarkdown } from './markdown.js';
export { seedKnowledge } from './demo-content.js';
