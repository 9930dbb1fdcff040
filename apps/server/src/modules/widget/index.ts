import crypto from 'node:crypto';
import type { Kernel } from '../../kernel.js';
import { AppError, notFound } from '../../platform/errors.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { t } from '../../platform/i18n.js';
import {
  insertContact,
  loadContact,
  mergeContacts,
  patchContact,
  presentContact,
} from '../contacts/index.js';
import {
  addMessage,
  listMessages,
  loadConversation,
  openConversationFor,
  presentConversation,
  publicRooms,
} from '../conversations/index.js';
import { originAllowed, resolveSettings, withinBusinessHours } from './settings.js';
import { botText, maybeStartBot, resolveBotSettings, suggestedQuestions } from '../bot/index.js';

export interface Visitor {
  visitorId: string;
  tenantId: string;
  inboxId: string;
  contactId: string;
}

async function inboxByPublicId(kernel: Kernel, publicId: string) {
  const [row] = await kernel.db.system.query(
    `SELECT i.*, t.default_locale, t.timezone, t.business_hours FROM inboxes i JOIN tenants t ON t.id = i.tenant_id
     WHERE i.public_id = $1 AND i.channel = 'website'`,
    [publicId],
  );
  if (!row) throw notFound('inbox');
  return row;
}

export async function resolveVisitor(kernel: Kernel, token: string | undefined): Promise<Visitor | null> {
  if (!token || token.length > 200) return null;
  const [row] = await kernel.db.system.query(
    'SELECT id, tenant_id, inbox_id, contact_id FROM visitors WHERE token_hash = $1',
    [sha256(token)],
  );
  return row
    ? { visitorId: row.id, tenantId: row.tenant_id, inboxId: row.inbox_id, contactId: row.contact_id }
    : null;
}

function checkOrigin(
  kernel: Kernel,
  settings: ReturnType<typeof resolveSettings>,
  origin: string | undefined,
) {
  // the workspace's own help center, on Kefu's address, when the inbox is shown there
  if (settings.helpCenter && origin && origin === new URL(kernel.config.publicUrl).origin) return;
  if (!originAllowed(settings.allowedDomains, origin)) {
    throw new AppError(403, 'origin_not_allowed', 'this site may not show the chat widget of this inbox');
  }
}

/** The website inbox whose chat the workspace shows on its public help center, if any (the oldest one). */
export async function helpCenterInbox(kernel: Kernel, tenantId: string): Promise<string | null> {
  const [row] = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT public_id FROM inboxes WHERE tenant_id = $1 AND channel = 'website'
         AND (settings->>'helpCenter')::boolean IS TRUE ORDER BY created_at, id LIMIT 1`,
      [tenantId],
    ),
  );
  return (row?.public_id as string | undefined) ?? null;
}

export async function widgetConfig(kernel: Kernel, publicId: string, origin: string | undefined) {
  const inbox = await inboxByPublicId(kernel, publicId);
  const s = resolveSettings(inbox.settings);
  checkOrigin(kernel, s, origin);
  const [{ online_agents }] = await kernel.db.tenantTx(inbox.tenant_id, (sql) =>
    sql.query(
      `SELECT count(*)::int AS online_agents FROM users WHERE tenant_id = $1 AND active AND presence = 'online'
         AND last_seen_at > now() - interval '2 minutes'`,
      [inbox.tenant_id],
    ),
  );
  const inHours = !s.officeHours.enabled || withinBusinessHours(inbox.business_hours ?? [], inbox.timezone);
  const locale = s.language === 'auto' ? inbox.default_locale : s.language;
  const bot = resolveBotSettings(s.bot);
  return {
    inbox: {
      publicId,
      name: inbox.name,
      title: s.title || t(locale, 'chat.title'),
      greeting: s.greeting || t(locale, 'chat.greeting'),
      brandColor: s.brandColor,
      position: s.position,
      avatarUrl: s.avatarUrl,
      language: s.language,
      preChatForm: s.preChatForm,
      online: inHours && online_agents > 0,
      offlineMessage: s.officeHours.offlineMessage || t(locale, 'chat.offline'),
      enforceIdentity: s.enforceIdentity,
      bot: bot.enabled
        ? {
            name: bot.name || botText(locale === 'en' ? 'en' : 'zh-CN', 'name'),
            avatarUrl: bot.avatarUrl || null,
            typeahead: bot.typeahead,
            // 「猜你想问」 only where the bot may take the conversation (clicking one asks the bot)
            suggested:
              bot.share > 0 && !(bot.onlyOutsideHours && inHours)
                ? await suggestedQuestions(kernel, inbox.tenant_id, bot.suggested)
                : [],
          }
        : null,
    },
  };
}

/** Starts or resumes a visitor: a known token continues its contact and conversation, anything else starts fresh. */
export async function startSession(
  kernel: Kernel,
  publicId: string,
  origin: string | undefined,
  input: {
    visitorToken?: string;
    page?: { url?: string; title?: string; referrer?: string };
    browser?: string;
    language?: string;
  },
) {
  const inbox = await inboxByPublicId(kernel, publicId);
  checkOrigin(kernel, resolveSettings(inbox.settings), origin);
  const pageContext = { ...(input.page ?? {}), browser: input.browser, language: input.language };
  let visitor = await resolveVisitor(kernel, input.visitorToken);
  let token = input.visitorToken;
  if (visitor && visitor.inboxId !== inbox.id) visitor = null;
  if (!visitor) {
    token = randomToken(32);
    const rawToken = token;
    visitor = await kernel.events.run(inbox.tenant_id, async (tx) => {
      const contact = await insertContact(tx, { pageContext });
      const [row] = await tx.sql.query(
        'INSERT INTO visitors (tenant_id, inbox_id, contact_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING id',
        [inbox.tenant_id, inbox.id, contact.id, sha256(rawToken)],
      );
      return { visitorId: row.id, tenantId: inbox.tenant_id, inboxId: inbox.id, contactId: contact.id };
    });
  } else {
    const v = visitor;
    await kernel.db.tenantTx(v.tenantId, async (sql) => {
      await sql.query('UPDATE visitors SET last_seen_at = now() WHERE id = $1', [v.visitorId]);
      await sql.query('UPDATE contacts SET page_context = $2, last_seen_at = now() WHERE id = $1', [
        v.contactId,
        JSON.stringify(pageContext),
      ]);
    });
  }
  const v = visitor;
  return kernel.db.tenantTx(v.tenantId, async (sql) => {
    const contact = await loadContact(sql, v.tenantId, v.contactId);
    const [open] = await sql.query(
      `SELECT id FROM conversations WHERE tenant_id = $1 AND inbox_id = $2 AND contact_id = $3 ORDER BY last_message_at DESC LIMIT 1`,
      [v.tenantId, v.inboxId, v.contactId],
    );
    const conversation = open ? presentConversation(await loadConversation(sql, v.tenantId, open.id)) : null;
    return {
      visitorToken: token!,
      contact: publicContact(presentContact(contact)),
      conversation: conversation && publicConversation(conversation),
    };
  });
}

/** What a visitor may see of their own contact and conversation (no internal fields). */
const publicContact = (c: ReturnType<typeof presentContact>) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
});
const publicConversation = (c: ReturnType<typeof presentConversation>) => ({
  id: c.id,
  number: c.number,
  status: c.status,
  assignee: c.assignee,
  createdAt: c.createdAt,
});

/**
 * `Kefu.identify`: with a valid `userHash` (HMAC-SHA256 of userId with the inbox secret) the visitor becomes
 * that user's contact, merging histories. Without verification nothing attaches to an existing contact: the
 * fields only describe this visitor, and an enforcing inbox refuses outright.
 */
export async function identify(
  kernel: Kernel,
  visitor: Visitor,
  input: {
    userId: string;
    name?: string;
    email?: string;
    phone?: string;
    attributes?: Record<string, unknown>;
    userHash?: string;
  },
) {
  const [inbox] = await kernel.db.tenantTx(visitor.tenantId, (sql) =>
    sql.query('SELECT settings, identity_secret FROM inboxes WHERE id = $1', [visitor.inboxId]),
  );
  const settings = resolveSettings(inbox.settings);
  const expected = crypto.createHmac('sha256', inbox.identity_secret).update(input.userId).digest('hex');
  const given = (input.userHash ?? '').toLowerCase();
  const verified =
    given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if ((settings.enforceIdentity || input.userHash !== undefined) && !verified) {
    throw new AppError(
      401,
      'identity_unverified',
      'identity verification failed: userHash does not match userId',
      [{ field: 'userHash', message: 'does not match' }],
    );
  }
  return kernel.events.run(visitor.tenantId, async (tx) => {
    let contactId = visitor.contactId;
    const [known] = await tx.sql.query(
      'SELECT id FROM contacts WHERE tenant_id = $1 AND external_id = $2 AND merged_into IS NULL',
      [visitor.tenantId, input.userId],
    );
    if (verified && known && known.id !== contactId) {
      await mergeContacts(tx, contactId, known.id);
      await tx.sql.query('UPDATE visitors SET contact_id = $2 WHERE id = $1', [visitor.visitorId, known.id]);
      contactId = known.id;
    }
    const fields = { name: input.name, email: input.email, phone: input.phone, attributes: input.attributes };
    const row = await patchContact(tx, contactId, {
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      // an unverified id is only recorded when nobody else holds it
      externalId: verified || !known ? input.userId : undefined,
    });
    return { contact: publicContact(presentContact(row)), contactChanged: contactId !== visitor.contactId };
  });
}

export async function submitPrechat(
  kernel: Kernel,
  visitor: Visitor,
  input: { name?: string; email?: string; phone?: string },
) {
  const [inbox] = await kernel.db.tenantTx(visitor.tenantId, (sql) =>
    sql.query('SELECT settings FROM inboxes WHERE id = $1', [visitor.inboxId]),
  );
  const form = resolveSettings(inbox.settings).preChatForm;
  for (const field of ['name', 'email', 'phone'] as const) {
    if (form[field] === 'required' && !input[field]?.trim()) {
      throw new AppError(400, 'validation_failed', `${field}: required`, [{ field, message: 'required' }]);
    }
  }
  return kernel.events.run(visitor.tenantId, async (tx) => {
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''));
    return { contact: publicContact(presentContact(await patchContact(tx, visitor.contactId, patch))) };
  });
}

export async function visitorMessages(
  kernel: Kernel,
  visitor: Visitor,
  before: string | undefined,
  limit: number,
) {
  const [conv] = await kernel.db.tenantTx(visitor.tenantId, (sql) =>
    sql.query(
      'SELECT id FROM conversations WHERE tenant_id = $1 AND inbox_id = $2 AND contact_id = $3 ORDER BY last_message_at DESC LIMIT 1',
      [visitor.tenantId, visitor.inboxId, visitor.contactId],
    ),
  );
  if (!conv) return { items: [], hasMore: false, conversation: null };
  const page = await listMessages(kernel, visitor.tenantId, conv.id, {
    before,
    limit,
    includePrivate: false,
  });
  const conversation = await kernel.db.tenantTx(visitor.tenantId, (sql) =>
    loadConversation(sql, visitor.tenantId, conv.id),
  );
  return { ...page, conversation: publicConversation(presentConversation(conversation)) };
}

/** A visitor's message: into their open conversation (or a new one), exactly once per clientId. */
export async function postVisitorMessage(
  kernel: Kernel,
  visitor: Visitor,
  input: { clientId: string; body?: string; attachmentIds?: string[] },
) {
  return kernel.events.run(visitor.tenantId, async (tx) => {
    // one conversation per contact and inbox: the row lock serialises this contact's concurrent messages
    const [contact] = await tx.sql.query('SELECT page_context FROM contacts WHERE id = $1 FOR UPDATE', [
      visitor.contactId,
    ]);
    const { row, created } = await openConversationFor(
      tx,
      visitor.inboxId,
      visitor.contactId,
      contact?.page_context,
    );
    if (created) await maybeStartBot(tx, kernel, row);
    const result = await addMessage(tx, kernel, row, {
      clientId: input.clientId,
      senderType: 'contact',
      senderId: visitor.contactId,
      body: input.body ?? '',
      attachmentIds: input.attachmentIds,
    });
    return {
      ...result,
      conversation: publicConversation(presentConversation(row)),
      conversationCreated: created,
    };
  });
}

export async function markReadByVisitor(kernel: Kernel, visitor: Visitor) {
  await kernel.events.run(visitor.tenantId, async (tx) => {
    const rows = await tx.sql.query(
      `UPDATE conversations SET contact_last_read_at = now() WHERE tenant_id = $1 AND inbox_id = $2 AND contact_id = $3 AND status <> 'resolved'
       RETURNING id, contact_last_read_at`,
      [visitor.tenantId, visitor.inboxId, visitor.contactId],
    );
    for (const r of rows) {
      tx.emit(
        'message.read',
        { conversationId: r.id, reader: 'contact', readAt: new Date(r.contact_last_read_at).toISOString() },
        publicRooms(visitor.tenantId, visitor.contactId),
      );
    }
  });
}
