import { MODEL_SIGNAL } from '@kefu/nlp';

// What the bot says, in both languages. The reply follows the customer's own language when it is clear.
export type BotLocale = 'zh-CN' | 'en';

const TEXTS = {
  fallback: {
    'zh-CN': '抱歉，这个问题我还不会回答。您可以换个说法问问我，或者转人工客服。',
    en: "Sorry, I don't know the answer to that yet. You can ask me in other words, or talk to a person.",
  },
  offerHuman: {
    'zh-CN': '看来我没能帮上忙。需要为您转接人工客服吗？',
    en: "It looks like I can't help with this one. Shall I get you a person?",
  },
  didYouMean: { 'zh-CN': '您是不是想问：', en: 'Did you mean:' },
  didYouMeanOrHuman: {
    'zh-CN': '您是不是想问下面的问题？如果都不是，可以转人工客服。',
    en: 'Did you mean one of these? If not, I can get you a person.',
  },
  humanButton: { 'zh-CN': '转人工', en: 'Talk to a person' },
  handoff: {
    'zh-CN': '好的，正在为您转接人工客服，请稍候。您之前说的内容客服都能看到，不用重复。',
    en: "OK, I'm getting you a person now. They will see everything you told me, so there is no need to repeat it.",
  },
  handoffAngry: {
    'zh-CN': '非常抱歉给您带来了不好的体验，已为您优先转接人工客服，请稍候。',
    en: "I'm sorry about this. I've passed you to a person with priority; they will be with you shortly.",
  },
  handoffOffline: {
    'zh-CN': '现在没有客服在线。请留下您的问题，客服上线后会第一时间回复您。',
    en: 'Nobody is available right now. Leave your question here and we will reply as soon as we are back.',
  },
  notSolved: {
    'zh-CN': '抱歉没能解决您的问题。您可以换个说法再问一次，或者转人工客服。',
    en: "Sorry that didn't help. You can ask again in other words, or talk to a person.",
  },
  note: {
    'zh-CN': '机器人转人工 · 原因：{reason} · 识别到的问题：{intent}',
    en: 'Handed over by the bot · reason: {reason} · detected question: {intent}',
  },
  'reason.asked': { 'zh-CN': '客户要求人工', en: 'the customer asked for a person' },
  'reason.anger': { 'zh-CN': '客户情绪激动', en: 'the customer is upset' },
  angerDetail: { 'zh-CN': '{reason}（识别到：{signals}）', en: '{reason} (detected: {signals})' },
  'signal.model': { 'zh-CN': '情绪模型 {percent}%', en: 'sentiment model {percent}%' },
  'signal.words': { 'zh-CN': '用语「{words}」', en: 'words "{words}"' },
  'signal.bangs': { 'zh-CN': '连串感叹号或问号', en: 'repeated ! or ?' },
  'signal.caps': { 'zh-CN': '大写喊叫', en: 'shouting in capitals' },
  'reason.misses': { 'zh-CN': '连续未能识别', en: 'the bot did not understand twice' },
  'reason.not_solved': { 'zh-CN': '客户反馈未解决', en: 'the customer said the answer did not help' },
  none: { 'zh-CN': '无', en: 'none' },
  name: { 'zh-CN': '智能助手', en: 'Assistant' },
  flowCancelled: {
    'zh-CN': '好的，已取消。还有什么可以帮您？',
    en: 'OK, cancelled. Anything else I can help with?',
  },
  flowInvalid: { 'zh-CN': '格式好像不对。', en: "That doesn't look right." },
  flowError: {
    'zh-CN': '抱歉，暂时查询不到。您可以稍后再试，或者转人工客服。',
    en: "Sorry, I can't look that up right now. Try again later, or talk to a person.",
  },
  'smalltalk.greeting': {
    'zh-CN': '您好！我是{name}，请问有什么可以帮您？',
    en: "Hello! I'm {name}. What can I help you with?",
  },
  'smalltalk.thanks': {
    'zh-CN': '不客气！还有其他问题随时问我。',
    en: "You're welcome! Ask me anytime if anything else comes up.",
  },
  'smalltalk.bye': {
    'zh-CN': '感谢您的咨询，祝您生活愉快，再见！',
    en: 'Thanks for getting in touch. Have a nice day!',
  },
  'smalltalk.identity': {
    'zh-CN': '我是{name}，一个智能助手，可以回答常见问题。需要人工客服时，说「转人工」或点下面的按钮就行。',
    en: 'I\'m {name}, an automated assistant: I answer common questions. To talk to a person, say "agent" or use the button below.',
  },
  'smalltalk.ack': { 'zh-CN': '好的。还有什么可以帮您？', en: 'OK. Anything else I can help with?' },
  'smalltalk.decline': {
    'zh-CN': '好的。还有什么问题，您可以继续问我。',
    en: 'OK. If anything else comes up, just ask me.',
  },
  'reason.flow_error': { 'zh-CN': '任务流程调用失败', en: 'a task flow could not reach its service' },
} satisfies Record<string, Record<BotLocale, string>>;

export type BotText = keyof typeof TEXTS;

export function botText(locale: BotLocale, key: BotText, vars: Record<string, string> = {}) {
  return TEXTS[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/**
 * The hand-off reason for an angry or distressed customer, with what gave it away (the signals of
 * @kefu/nlp's detectDistress): 「客户情绪激动（识别到：情绪模型 97%；用语「骗子、投诉」；连串感叹号或问号）」.
 */
export function angerReason(locale: BotLocale, signals: string[], probability: number) {
  const parts: string[] = [];
  if (signals.includes(MODEL_SIGNAL))
    parts.push(botText(locale, 'signal.model', { percent: String(Math.round(probability * 100)) }));
  const words = signals.filter((s) => s !== MODEL_SIGNAL && s !== '!!!' && s !== 'CAPS');
  if (words.length)
    parts.push(botText(locale, 'signal.words', { words: words.join(locale === 'en' ? ', ' : '、') }));
  if (signals.includes('!!!')) parts.push(botText(locale, 'signal.bangs'));
  if (signals.includes('CAPS')) parts.push(botText(locale, 'signal.caps'));
  const reason = botText(locale, 'reason.anger');
  if (!parts.length) return reason;
  return botText(locale, 'angerDetail', { reason, signals: parts.join(locale === 'en' ? '; ' : '；') });
}

/** The customer's language from their own words: Chinese characters → 中文, Latin letters → English. */
export function localeOf(text: string, fallback: BotLocale): BotLocale {
  if (/\p{Script=Han}/u.test(text)) return 'zh-CN';
  if (/[a-z]{2}/i.test(text)) return 'en';
  return fallback;
}
