import { rooms } from '@kefu/shared';
import type { Kernel } from '../../kernel.js';
import type { RealtimePrincipal } from '../../platform/realtime.js';
import { publicRooms } from './index.js';

/**
 * Typing indicators are ephemeral: relayed to the other side's room, never stored or replayed.
 * A visitor's typing goes to the agents of its tenant; an agent's to the conversation's contact.
 */
export function typingRelay(kernel: Kernel) {
  return async (principal: RealtimePrincipal, input: { conversationId?: unknown; typing?: unknown }) => {
    const typing = input.typing === true;
    if (principal.contactId) {
      const [row] = await kernel.db.tenantTx(principal.tenantId, (sql) =>
        sql.query(
          `SELECT c.id, k.name FROM conversations c JOIN contacts k ON k.id = c.contact_id
           WHERE c.tenant_id = $1 AND c.contact_id = $2 AND c.status <> 'resolved' ORDER BY c.last_message_at DESC LIMIT 1`,
          [principal.tenantId, principal.contactId],
        ),
      );
      if (!row) return null;
      return {
        room: rooms.tenant(principal.tenantId),
        payload: { conversationId: row.id, senderType: 'contact', name: row.name, typing },
      };
    }
    if (
      !principal.userId ||
      typeof input.conversationId !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(input.conversationId)
    )
      return null;
    const conversationId = input.conversationId;
    const [row] = await kernel.db.tenantTx(principal.tenantId, (sql) =>
      sql.query(
        `SELECT c.contact_id, u.name FROM conversations c, users u WHERE c.tenant_id = $1 AND c.id = $2 AND u.id = $3`,
        [principal.tenantId, conversationId, principal.userId],
      ),
    );
    if (!row) return null;
    return {
      room: rooms.contact(row.contact_id),
      payload: { conversationId, senderType: 'agent', name: row.name, typing },
    };
  };
}

/** Snoozed conversations whose time has come are reopened (cron role). */
export async function wakeSnoozed(kernel: Kernel) {
  const due = await kernel.db.system.query(
    `SELECT tenant_id, id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= now() LIMIT 500`,
  );
  for (const { tenant_id: tenantId, id } of due) {
    await kernel.events.run(tenantId, async (tx) => {
      const [row] = await tx.sql.query(
        `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND status = 'snoozed' RETURNING contact_id`,
        [tenantId, id],
      );
      if (row)
        tx.emit(
          'conversation.updated',
          { conversationId: id, status: 'open', changes: ['status'] },
          publicRooms(tenantId, row.contact_id),
        );
    });
  }
  return due.length;
}
