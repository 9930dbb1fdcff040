import { notifications } from '@mantine/notifications';
import { roleAllows, type Permission } from '@kefu/shared';
import i18n from './i18n';
import { ApiError, type Role } from './api';

export const ADMIN_ROLES: Role[] = ['owner', 'admin'];
export const isAdmin = (role: Role | undefined): boolean => !!role && ADMIN_ROLES.includes(role);

/** Whether a role has a permission (the server's matrix in @kefu/shared; the server still decides). */
export const can = (role: Role | undefined, permission: Permission): boolean =>
  !!role && roleAllows(role, permission);

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Translated, user-facing message for an error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    if (i18n.exists(key)) return i18n.t(key);
    if (err.status === 429) return i18n.t('errors.rate_limited');
    if (err.status === 403) return i18n.t('errors.forbidden');
    if (err.status === 404) return i18n.t('errors.not_found');
    if (err.status >= 500) return i18n.t('errors.internal');
    return err.message || i18n.t('errors.unknown');
  }
  return i18n.t('errors.unknown');
}

export function notifyError(err: unknown): void {
  notifications.show({ color: 'red', title: i18n.t('common.error'), message: errorMessage(err) });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', title: i18n.t('common.success'), message });
}

interface FormLike {
  setErrors: (errors: Record<string, string>) => void;
  getValues: () => object;
}

/**
 * Shows `validation_failed` details next to the matching form fields.
 * Returns true when something is left to show as a general form error.
 */
export function applyFormError(form: FormLike, err: unknown): boolean {
  if (err instanceof ApiError && err.code === 'validation_failed') {
    const fields = Object.keys(form.getValues());
    const errors: Record<string, string> = {};
    let unplaced = 0;
    for (const fe of err.fieldErrors) {
      // server may report paths like "body.email", "/email" or "businessHours.0.open"
      const name = fe.field.replace(/^\/?(body[./])?/, '').replace(/\//g, '.');
      if (fields.includes(name.split('.')[0])) errors[name] = fe.message;
      else unplaced++;
    }
    form.setErrors(errors);
    return unplaced > 0 || Object.keys(errors).length === 0;
  }
  // other errors that point at fields (e.g. password_wrong → currentPassword): show the translated message there
  if (err instanceof ApiError && err.fieldErrors.length > 0) {
    const fields = Object.keys(form.getValues());
    const errors: Record<string, string> = {};
    for (const fe of err.fieldErrors) if (fields.includes(fe.field)) errors[fe.field] = errorMessage(err);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return false;
    }
  }
  return true;
}

/** Field errors not attached to a field, as "field: message" lines. */
export function fieldErrorLines(err: unknown): string[] {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed') return [];
  return err.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message));
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return i18n.t('common.none');
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return i18n.t('common.none');
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(d);
}

export const PRESENCE_COLORS = { online: 'teal', away: 'yellow', offline: 'gray' } as const;
export const ROLE_COLORS = { owner: 'grape', admin: 'indigo', supervisor: 'cyan', agent: 'gray' } as const;
