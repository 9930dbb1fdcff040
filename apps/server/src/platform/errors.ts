/** A failure the client can act on: a stable code, an HTTP status, a message and optional details. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) =>
  new AppError(404, `${what}_not_found`, `${what.replace(/_/g, ' ')} not found`);
export const forbidden = (message = 'you are not allowed to do this') =>
  new AppError(403, 'forbidden', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const invalidField = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, [{ field, message }]);

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** Maps PostgreSQL errors that bad input can cause to 4xx; everything else stays a 500. */
export function fromDatabaseError(err: {
  code?: string;
  constraint?: string;
  detail?: string;
}): AppError | null {
  switch (err.code) {
    case '23505':
      return new AppError(409, 'already_exists', 'a record with these values already exists', {
        constraint: err.constraint,
      });
    case '23503':
      return new AppError(409, 'reference_invalid', 'a referenced record does not exist');
    case '23514':
    case '23502':
      return new AppError(400, 'validation_failed', 'a value is not allowed');
    case '22P02':
    case '22021':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '2201B':
      return new AppError(400, 'validation_failed', 'a value has the wrong format');
    case '42501':
      return new AppError(404, 'not_found', 'not found'); // RLS refused: look like absence, never like a leak
    default:
      return null;
  }
}
