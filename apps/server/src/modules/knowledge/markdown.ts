import MarkdownIt from 'markdown-it';

/**
 * Article and answer Markdown → HTML for the help center. Raw HTML is off (written `<script>` shows as text),
 * markdown-it's link check refuses `javascript:`/`vbscript:`/`file:`/non-image `data:` URLs, and every text and
 * attribute is escaped by markdown-it. Videos: a link or image pointing at an .mp4/.webm file becomes a
 * <video> player; links to YouTube and Bilibili stay links, marked as videos (no third-party frames).
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
const escape = md.utils.escapeHtml;

const VIDEO_FILE = /^(?:https?:\/\/|\/)[^\s?#]+\.(?:mp4|webm|ogv)(?:[?#]\S*)?$/i;
const VIDEO_HOST =
  /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/(?:watch|shorts|embed)|youtu\.be\/|bilibili\.com\/video\/|b23\.tv\/)/i;

export const isVideoFile = (url: string) => VIDEO_FILE.test(url);
export const isVideoPage = (url: string) => VIDEO_HOST.test(url);

const video = (src: string) =>
  `<video controls preload="metadata" src="${escape(src)}"><a href="${escape(src)}">${escape(src)}</a></video>`;

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = token.attrGet('src') ?? '';
  if (isVideoFile(src)) return video(src);
  token.attrSet('loading', 'lazy');
  return defaultImage(tokens, idx, options, env, self);
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  const href = token.attrGet('href') ?? '';
  if (/^https?:\/\//i.test(href)) token.attrSet('rel', 'nofollow noopener noreferrer');
  if (isVideoPage(href) || isVideoFile(href)) token.attrJoin('class', 'video-link');
  const link = self.renderToken(tokens, idx, options);
  return isVideoFile(href) ? `${video(href)}<br>${link}` : link;
};

/** Renders Markdown safely (see above). */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
