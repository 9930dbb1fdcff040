import nodemailer from 'nodemailer';
import { Type } from 'typebox';
import type { Kernel } from '../../kernel.js';
import type { TenantTx } from '../../platform/events.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues a mail inside the caller's transaction: the outbox row commits with the change that caused it
 * and the send job is queued after commit. With SMTP_URL set it goes out over SMTP (and the body is then
 * dropped from the outbox, since it may hold a sign-in link); without, it stays readable in the outbox.
 */
export async function queueMail(kernel: Kernel, tx: TenantTx, mail: OutgoingMail) {
  const [row] = await tx.sql.query<{ id: string }>(
    'INSERT INTO mail_outbox (tenant_id, to_address, subject, text) VALUES ($1, $2, $3, $4) RETURNING id',
    [tx.tenantId, mail.to, mail.subject, mail.text],
  );
  tx.afterCommit(() =>
    kernel.queue.add(
      'email',
      'mail.send',
      { tenantId: tx.tenantId, mailId: row.id },
      { jobId: `mail-${row.id}` },
    ),
  );
  return row.id;
}

export function registerMailJobs(kernel: Kernel) {
  const transport = kernel.config.smtpUrl ? nodemailer.createTransport(kernel.config.smtpUrl) : null;
  kernel.queue.handle('email', 'mail.send', async (job) => {
    const { tenantId, mailId } = job.data as { tenantId: string; mailId: string };
    const [mail] = await kernel.db.tenantTx(tenantId, (sql) =>
      sql.query('SELECT * FROM mail_outbox WHERE id = $1 AND tenant_id = $2', [mailId, tenantId]),
    );
    if (!mail || mail.status === 'sent' || mail.status === 'stored') return; // idempotent: done already
    if (!transport) {
      kernel.log.info(
        { to: mail.to_address, subject: mail.subject, text: mail.text },
        'mail stored in outbox (no SMTP_URL)',
      );
      await kernel.db.tenantTx(tenantId, (sql) =>
        sql.query(`UPDATE mail_outbox SET status = 'stored', sent_at = now() WHERE id = $1`, [mailId]),
      );
      return;
    }
    try {
      await transport.sendMail({
        from: kernel.config.mailFrom,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text,
      });
    } catch (err) {
      await kernel.db.tenantTx(tenantId, (sql) =>
        sql.query(`UPDATE mail_outbox SET status = 'failed', error = $2 WHERE id = $1`, [
          mailId,
          String(err).slice(0, 500),
        ]),
      );
      throw err;
    }
    await kernel.db.tenantTx(tenantId, (sql) =>
      sql.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now(), text = '', error = NULL WHERE id = $1`,
        [mailId],
      ),
    );
  });
}

export const Mail = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
});

export async function listMail(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT * FROM mail_outbox WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, (r: any) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    text: r.text,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
}
