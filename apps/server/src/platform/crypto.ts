import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');

// argon2id with the library's defaults (19 MiB, t=2, p=1: the OWASP baseline)
export const hashPassword = (password: string) => hash(password);
export async function verifyPassword(hashed: string, password: string) {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
/** A real hash to verify against when the account does not exist, so timing does not reveal accounts. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Vgqo7fxC4o9Y0Sd3DOq7Oy+jVfM9v3H8JmXwVt+2mY';
