import { normalize } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import { tenantBotIfReady } from './knowledge.js';
import { resolveBotSettings } from './settings.js';

/** A question offered while the visitor types (输入联想): an FAQ entry's standard question or a flow's name. */
export interface TypeaheadItem {
  id: string;
  label: string;
}

export const TYPEAHEAD_LIMIT = 5;
/** How long a keystroke waits for a training under way (a small base trains in a few milliseconds). */
const READY_WAIT_MS = 300;
/** Below this word similarity a matched entry has too little in common with what was typed to offer it. */
const MIN_LEXICAL = 0.2;

/**
 * What to offer a visitor who has typed `q` so far: entries whose questions contain the text (standard
 * questions that start with it first), then the entries the bot's matcher finds closest. Empty when the
 * inbox's bot or its typeahead is off. Never waits long for a training: the model in memory answers, and
 * before there is one, nothing is offered.
 */
export async function typeahead(
  kernel: Kernel,
  visitor: { tenantId: string; inboxId: string },
  q: string,
): Promise<TypeaheadItem[]> {
  const typed = normalize(q).trim();
  // one Chinese character already says something (「退」); one Latin letter does not
  if (!typed || (!/\p{Script=Han}/u.test(typed) && typed.length < 2)) return [];
  const [inbox] = await kernel.db.tenantTx(visitor.tenantId, (sql) =>
    sql.query('SELECT settings FROM inboxes WHERE id = $1', [visitor.inboxId]),
  );
  const settings = resolveBotSettings(inbox?.settings?.bot);
  if (!settings.enabled || !settings.typeahead) return [];
  // a keystroke never waits for a training: before the first one is done there is nothing to offer
  const bot = await tenantBotIfReady(kernel, visitor.tenantId, READY_WAIT_MS);
  if (!bot) return [];

  const hits: { id: string; label: string; rank: number }[] = [];
  for (const faq of bot.faqs.values()) {
    const at = faq.typeaheadText.question.indexOf(typed);
    if (at >= 0) hits.push({ id: faq.id, label: faq.question, rank: at === 0 ? 0 : 1 });
    else if (faq.typeaheadText.similar.includes(typed))
      hits.push({ id: faq.id, label: faq.question, rank: 2 });
  }
  for (const [id, flow] of bot.flows)
    if (normalize(flow.name).includes(typed)) hits.push({ id, label: flow.name, rank: 1 });
  hits.sort((a, b) => a.rank - b.rank || a.label.length - b.label.length || a.label.localeCompare(b.label));

  const items: TypeaheadItem[] = hits.slice(0, TYPEAHEAD_LIMIT).map(({ id, label }) => ({ id, label }));
  // one character is no question to match: only what contains it
  if (items.length < TYPEAHEAD_LIMIT && [...typed].length >= 2) {
    const seen = new Set(items.map((i) => i.id));
    for (const c of bot.matcher.match(q).candidates) {
      if (items.length >= TYPEAHEAD_LIMIT) break;
      if (c.lexical < MIN_LEXICAL || seen.has(c.id)) continue;
      const label = bot.faqs.get(c.id)?.question ?? bot.flows.get(c.id)?.name;
      if (label) items.push({ id: c.id, label });
    }
  }
  return items;
}
