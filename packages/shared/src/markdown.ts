/**
 * Markdown reduced to its readable text, for snippets, list previews, meta descriptions and the search index:
 * link and image labels stay, their addresses and the formatting marks go.
 */
export function plainText(md: string): string {
  return md
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A knowledge-base answer as a chat message an agent can send on any channel: links become
 * "label (address)", images their address, formatting marks go; site-relative addresses ("/help/…") are
 * made absolute with `origin` so they work outside the site too.
 */
export function chatText(md: string, origin: string): string {
  const abs = (url: string) =>
    url.startsWith('/') && !url.startsWith('//') ? origin.replace(/\/$/, '') + url : url;
  return md
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_, _alt: string, url: string) => abs(url))
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_, label: string, url: string) =>
      label.trim() === url ? abs(url) : `${label} (${abs(url)})`,
    )
    .replace(/(\*\*|__|~~)/g, '')
    .trim();
}
