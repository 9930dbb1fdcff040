import type { Locale } from '../protocol.js';

const zh = {
  open: '在线咨询',
  close: '关闭对话',
  unread: '条未读',
  minimize: '收起',
  inputPlaceholder: '输入消息，Enter 发送，Shift+Enter 换行',
  inputLabel: '消息',
  send: '发送',
  attach: '发送图片或文件',
  emoji: '表情',
  typing: '{name} 正在输入…',
  agentFallback: '客服',
  you: '我',
  sending: '发送中',
  sent: '已送达',
  read: '已读',
  failed: '发送失败，点击重试',
  retry: '重试',
  reconnecting: '网络已断开，正在重新连接…消息会在恢复后自动发出',
  offlineTitle: '我们暂时不在线',
  leaveEmail: '留下邮箱，我们会尽快回复您',
  save: '保存',
  saved: '已保存，我们会通过邮件回复您',
  prechatTitle: '开始对话前，请留下您的信息',
  name: '姓名',
  email: '邮箱',
  phone: '手机号',
  optional: '（选填）',
  required: '必填',
  invalidEmail: '请输入有效的邮箱地址',
  invalidPhone: '请输入有效的手机号',
  start: '开始对话',
  fileTooLarge: '文件不能超过 10 MB',
  fileType: '不支持这种文件类型',
  uploadFailed: '上传失败',
  loadFailed: '聊天暂时无法加载，请稍后再试',
  loadEarlier: '查看更早的消息',
  resolved: '本次对话已结束，发送新消息即可继续咨询',
  assigned: '{name} 为您服务',
  image: '图片',
  poweredBy: '由 Kefu 提供支持',
};
type Strings = typeof zh;

const en: Strings = {
  open: 'Chat with us',
  close: 'Close chat',
  unread: 'unread',
  minimize: 'Minimize',
  inputPlaceholder: 'Type a message — Enter to send, Shift+Enter for a new line',
  inputLabel: 'Message',
  send: 'Send',
  attach: 'Send an image or file',
  emoji: 'Emoji',
  typing: '{name} is typing…',
  agentFallback: 'Support',
  you: 'You',
  sending: 'Sending',
  sent: 'Delivered',
  read: 'Read',
  failed: 'Not sent — click to retry',
  retry: 'Retry',
  reconnecting: 'Connection lost, reconnecting… your messages will be sent when it is back',
  offlineTitle: 'We are away right now',
  leaveEmail: 'Leave your e-mail and we will get back to you',
  save: 'Save',
  saved: 'Saved — we will reply by e-mail',
  prechatTitle: 'Before we start, please tell us about you',
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  optional: '(optional)',
  required: 'Required',
  invalidEmail: 'Enter a valid e-mail address',
  invalidPhone: 'Enter a valid phone number',
  start: 'Start chat',
  fileTooLarge: 'Files may be at most 10 MB',
  fileType: 'This file type is not supported',
  uploadFailed: 'Upload failed',
  loadFailed: 'The chat cannot load right now, please try again later',
  loadEarlier: 'Show earlier messages',
  resolved: 'This conversation was closed — send a message to start again',
  assigned: '{name} is here to help',
  image: 'Image',
  poweredBy: 'Powered by Kefu',
};

const catalogues: Record<Locale, Strings> = { 'zh-CN': zh, en };

export type StringKey = keyof Strings;
export const translate = (locale: Locale, key: StringKey, vars: Record<string, string> = {}) =>
  catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');

export const pickLocale = (wanted: string | undefined | null): Locale =>
  wanted && /^zh/i.test(wanted) ? 'zh-CN' : wanted && /^en/i.test(wanted) ? 'en' : 'zh-CN';

/** `auto` follows the visitor's browser; anything not Chinese gets English. */
export const browserLocale = (): Locale => (/^zh/i.test(navigator.language) ? 'zh-CN' : 'en');
