import type { Locale } from '@kefu/shared';

/** Server-side texts (mails, seed data). The web app and widget carry their own catalogues. */
const messages = {
  'mail.reset.subject': { 'zh-CN': '重置你的 Kefu 密码', en: 'Reset your Kefu password' },
  'mail.reset.text': {
    'zh-CN':
      '你好 {name}：\n\n请在 1 小时内打开下面的链接设置新密码：\n{link}\n\n如果不是你本人操作，请忽略这封邮件。',
    en: 'Hello {name},\n\nOpen this link within 1 hour to choose a new password:\n{link}\n\nIf you did not ask for this, ignore this mail.',
  },
  'mail.invite.subject': {
    'zh-CN': '{inviter} 邀请你加入「{workspace}」',
    en: '{inviter} invited you to "{workspace}"',
  },
  'mail.invite.text': {
    'zh-CN':
      '你好：\n\n{inviter} 邀请你以「{role}」身份加入 Kefu 工作区「{workspace}」。\n请在 7 天内打开下面的链接接受邀请：\n{link}',
    en: 'Hello,\n\n{inviter} invited you to join the Kefu workspace "{workspace}" as {role}.\nOpen this link within 7 days to accept:\n{link}',
  },
  'role.owner': { 'zh-CN': '所有者', en: 'owner' },
  'role.admin': { 'zh-CN': '管理员', en: 'admin' },
  'role.supervisor': { 'zh-CN': '主管', en: 'supervisor' },
  'role.agent': { 'zh-CN': '客服', en: 'agent' },
  'seed.inbox': { 'zh-CN': '官网在线客服', en: 'Website chat' },
  'chat.assigned': { 'zh-CN': '{name} 接入了会话', en: '{name} joined the conversation' },
  'chat.title': { 'zh-CN': '在线客服', en: 'Chat with us' },
  'chat.greeting': { 'zh-CN': '你好！有什么可以帮你？', en: 'Hi! How can we help?' },
  'chat.offline': {
    'zh-CN': '我们现在不在线。请留言，我们会尽快回复你。',
    en: 'We are away right now. Leave a message and we will get back to you.',
  },
  // public help center (/help/<slug>)
  'help.title': { 'zh-CN': '帮助中心', en: 'Help center' },
  'help.description': {
    'zh-CN': '{name}帮助中心：常见问题解答与使用指南。',
    en: '{name} help center: answers to common questions and guides.',
  },
  'help.heading': { 'zh-CN': '有什么可以帮你？', en: 'How can we help?' },
  'help.search.placeholder': { 'zh-CN': '搜索问题，例如：退款、发票', en: 'Search, e.g. refund, invoice' },
  'help.search.button': { 'zh-CN': '搜索', en: 'Search' },
  'help.search.label': { 'zh-CN': '搜索帮助中心', en: 'Search the help center' },
  'help.search.title': { 'zh-CN': '“{q}”的搜索结果', en: 'Results for “{q}”' },
  'help.search.none': {
    'zh-CN': '没有找到相关内容，换个说法试试？',
    en: 'Nothing found. Try other words?',
  },
  'help.search.empty': { 'zh-CN': '请输入要搜索的内容。', en: 'Type what you are looking for.' },
  'help.categories': { 'zh-CN': '分类', en: 'Categories' },
  'help.subcategories': { 'zh-CN': '子分类', en: 'Subcategories' },
  'help.popular': { 'zh-CN': '热门文章', en: 'Popular articles' },
  'help.articles': { 'zh-CN': '文章', en: 'Articles' },
  'help.faqs': { 'zh-CN': '常见问题', en: 'Frequently asked questions' },
  'help.articleCount': { 'zh-CN': '{n} 篇文章', en: '{n} articles' },
  'help.articleCount.one': { 'zh-CN': '{n} 篇文章', en: '{n} article' },
  'help.empty': { 'zh-CN': '这里还没有内容。', en: 'Nothing here yet.' },
  'help.updated': { 'zh-CN': '更新于 {date}', en: 'Updated {date}' },
  'help.fallback': {
    'zh-CN': '本文暂无中文版本，以下为其他语言版本。',
    en: 'This article is not available in English yet; here is another language version.',
  },
  'help.feedback.question': { 'zh-CN': '这篇文章对你有帮助吗？', en: 'Was this article helpful?' },
  'help.feedback.yes': { 'zh-CN': '有帮助', en: 'Yes' },
  'help.feedback.no': { 'zh-CN': '没帮助', en: 'No' },
  'help.feedback.thanks': { 'zh-CN': '感谢你的反馈！', en: 'Thanks for your feedback!' },
  'help.feedback.count': { 'zh-CN': '{n} 人觉得有帮助', en: '{n} found this helpful' },
  'help.related': { 'zh-CN': '相关文章', en: 'Related articles' },
  'help.chatHint': {
    'zh-CN': '还没找到答案？点页面角落的聊天按钮，直接和我们聊。',
    en: 'Still need help? Use the chat button in the corner of the page.',
  },
  'help.notFound.title': { 'zh-CN': '页面不存在', en: 'Page not found' },
  'help.notFound.text': {
    'zh-CN': '你要找的页面不存在或已下线。',
    en: 'The page you are looking for does not exist or was taken offline.',
  },
  'help.home': { 'zh-CN': '首页', en: 'Home' },
  'help.back': { 'zh-CN': '返回帮助中心首页', en: 'Back to the help center' },
  'help.language': { 'zh-CN': '语言', en: 'Language' },
  'help.poweredBy': { 'zh-CN': '由 Kefu 客服系统提供支持', en: 'Powered by Kefu' },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function t(locale: string, key: MessageKey, vars: Record<string, string> = {}): string {
  const entry = messages[key] as Record<string, string>;
  const template = entry[locale] ?? entry.en;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}
