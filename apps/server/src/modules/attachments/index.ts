import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { Kernel } from '../../kernel.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Sql } from '../../platform/db.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const LINK_TTL_SECONDS = 7 * 24 * 3600;

/** Types we accept, each with the leading bytes a real file of that type starts with (null: text, no magic). */
const ALLOWED: Record<string, (Buffer | null)[]> = {
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  'image/jpeg': [Buffer.from([0xff, 0xd8, 0xff])],
  'image/gif': [Buffer.from('GIF8')],
  'image/webp': [Buffer.from('RIFF')],
  'application/pdf': [Buffer.from('%PDF')],
  'text/plain': [null],
  'text/csv': [null],
  'application/zip': [Buffer.from([0x50, 0x4b])],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [Buffer.from([0x50, 0x4b])],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [Buffer.from([0x50, 0x4b])],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [Buffer.from([0x50, 0x4b])],
  'application/msword': [Buffer.from([0xd0, 0xcf, 0x11, 0xe0])],
  'application/vnd.ms-excel': [Buffer.from([0xd0, 0xcf, 0x11, 0xe0])],
};
export const isImage = (contentType: string) => contentType.startsWith('image/');

/** Where attachment bytes live. Local disk by default; another backend (S3, …) implements the same three calls. */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

export class LocalDiskStorage implements FileStorage {
  constructor(private root: string) {}
  private file(key: string) {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error('bad storage key');
    return full;
  }
  async put(key: string, data: Buffer) {
    const full = this.file(key);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    await fs.promises.writeFile(full, data);
  }
  async get(key: string) {
    return fs.promises.readFile(this.file(key)).catch(() => null);
  }
  async remove(key: string) {
    await fs.promises.rm(this.file(key), { force: true });
  }
}

const sign = (secret: string, id: string, exp: number) =>
  crypto.createHmac('sha256', secret).update(`${id}.${exp}`).digest('base64url');

/** A link to an attachment that works without a session (for <img>) and expires. */
export function signFileUrl(secret: string, id: string, now = Date.now()) {
  // rounded to the hour so the same file gets the same link for a while (browser cache)
  const exp = Math.ceil(now / 3_600_000) * 3600 + LINK_TTL_SECONDS;
  return `/api/v1/files/${id}?exp=${exp}&sig=${sign(secret, id, exp)}`;
}

/** The tenant's link-signing secret, read inside the caller's transaction (PGlite cannot nest transactions). */
export async function tenantFileSecret(sql: Sql, tenantId: string): Promise<string> {
  const [row] = await sql.query('SELECT file_secret FROM tenants WHERE id = $1', [tenantId]);
  return row.file_secret;
}

/** Reads an upload, checks type, size and leading bytes, stores it and records it. */
export async function saveUpload(
  kernel: Kernel,
  storage: FileStorage,
  tenantId: string,
  file: MultipartFile | undefined,
  uploader: { contactId?: string; userId?: string },
) {
  if (!file)
    throw new AppError(400, 'validation_failed', 'file: missing', [{ field: 'file', message: 'missing' }]);
  const contentType = file.mimetype.toLowerCase();
  const magic = ALLOWED[contentType];
  if (!magic) {
    file.file.resume();
    throw new AppError(400, 'file_type_not_allowed', `files of type ${contentType} are not accepted`, [
      { field: 'file', message: 'type not allowed' },
    ]);
  }
  const data = await file.toBuffer().catch((err: any) => {
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'file_too_large', `files may have at most ${MAX_FILE_BYTES / 1024 / 1024} MB`, [
        { field: 'file', message: 'too large' },
      ]);
    }
    throw err;
  });
  if (data.length === 0)
    throw new AppError(400, 'validation_failed', 'file: empty', [{ field: 'file', message: 'empty' }]);
  if (!magic.some((m) => m === null || data.subarray(0, m.length).equals(m))) {
    throw new AppError(400, 'file_type_mismatch', 'the file content does not match its type', [
      { field: 'file', message: 'content does not match type' },
    ]);
  }
  // no path separators or control characters in stored names
  const filename = [...(file.filename || 'file')]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('')
    .slice(0, 200);
  const id = crypto.randomUUID();
  const key = `${tenantId}/${id}`;
  await storage.put(key, data);
  const { row, secret } = await kernel.db.tenantTx(tenantId, async (sql) => {
    const [inserted] = await sql.query(
      `INSERT INTO attachments (id, tenant_id, filename, content_type, size, storage_key, uploaded_by_contact, uploaded_by_user)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        id,
        tenantId,
        filename,
        contentType,
        data.length,
        key,
        uploader.contactId ?? null,
        uploader.userId ?? null,
      ],
    );
    return { row: inserted, secret: await tenantFileSecret(sql, tenantId) };
  });
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    url: signFileUrl(secret, row.id),
  };
}

/** Serves a file by signed link; a wrong or expired signature looks like a missing file. */
export async function readSignedFile(
  kernel: Kernel,
  storage: FileStorage,
  id: string,
  exp: number,
  sig: string,
) {
  if (exp * 1000 < Date.now()) throw notFound('file');
  const [row] = await kernel.db.system.query(
    'SELECT a.*, t.file_secret FROM attachments a JOIN tenants t ON t.id = a.tenant_id WHERE a.id = $1',
    [id],
  );
  if (!row) throw notFound('file');
  const expected = sign(row.file_secret, id, exp);
  if (expected.length !== sig.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(sig)))
    throw notFound('file');
  const data = await storage.get(row.storage_key);
  if (!data) throw notFound('file');
  return { data, filename: row.filename as string, contentType: row.content_type as string };
}

/** Attachment ids a message may carry: uploaded in this tenant by the same party. */
export async function attachmentsFor(
  sql: Sql,
  tenantId: string,
  ids: string[],
  uploader: { contactId?: string; userId?: string },
) {
  if (ids.length === 0) return [];
  const rows = await sql.query(
    `SELECT id, filename, content_type, size FROM attachments WHERE tenant_id = $1 AND id = ANY($2::uuid[])
       AND (($3::uuid IS NOT NULL AND uploaded_by_contact = $3) OR ($4::uuid IS NOT NULL AND uploaded_by_user IS NOT NULL))`,
    [tenantId, ids, uploader.contactId ?? null, uploader.userId ?? null],
  );
  if (rows.length !== new Set(ids).size) {
    throw new AppError(404, 'attachment_not_found', 'attachment not found', [
      { field: 'attachmentIds', message: 'unknown attachment' },
    ]);
  }
  return rows.map((r: any) => ({
    id: r.id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
  }));
}
