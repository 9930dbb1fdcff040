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
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function t(locale: string, key: MessageKey, vars: Record<string, string> = {}): string {
  const entry = messages[key] as Record<string, string>;
  const template = entry[locale] ?? entry.en;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}
