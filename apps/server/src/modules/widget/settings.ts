import { Type, type Static } from 'typebox';
import { BotSettings } from '../bot/settings.js';

const FieldMode = Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')]);
/** Settings of a website inbox, as stored in inboxes.settings and edited in the workspace. */
export const WebsiteSettings = Type.Object({
  brandColor: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
  position: Type.Optional(Type.Union([Type.Literal('right'), Type.Literal('left')])),
  title: Type.Optional(Type.String({ maxLength: 100 })),
  greeting: Type.Optional(Type.String({ maxLength: 1000 })),
  avatarUrl: Type.Optional(
    Type.Union([Type.String({ maxLength: 2000, pattern: '^(https?://|/)' }), Type.Literal('')]),
  ),
  language: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('zh-CN'), Type.Literal('en')])),
  preChatForm: Type.Optional(
    Type.Object({
      name: Type.Optional(FieldMode),
      phone: Type.Optional(FieldMode),
      email: Type.Optional(FieldMode),
    }),
  ),
  allowedDomains: Type.Optional(
    Type.Array(Type.String({ maxLength: 253, pattern: '^(\\*\\.)?[a-zA-Z0-9.-]+(:[0-9]+)?$' }), {
      maxItems: 50,
    }),
  ),
  officeHours: Type.Optional(
    Type.Object({
      enabled: Type.Optional(Type.Boolean()),
      offlineMessage: Type.Optional(Type.String({ maxLength: 1000 })),
    }),
  ),
  enforceIdentity: Type.Optional(Type.Boolean()),
  /** Also show this chat on the workspace's public help center (/help/<slug>). */
  helpCenter: Type.Optional(Type.Boolean()),
  bot: Type.Optional(BotSettings),
});
export type WebsiteSettings = Static<typeof WebsiteSettings>;

export interface ResolvedSettings {
  brandColor: string;
  position: 'right' | 'left';
  title: string;
  greeting: string;
  avatarUrl: string;
  language: 'auto' | 'zh-CN' | 'en';
  preChatForm: {
    name: 'off' | 'optional' | 'required';
    phone: 'off' | 'optional' | 'required';
    email: 'off' | 'optional' | 'required';
  };
  allowedDomains: string[];
  officeHours: { enabled: boolean; offlineMessage: string };
  enforceIdentity: boolean;
  helpCenter: boolean;
  bot: BotSettings | undefined;
}

export function resolveSettings(raw: WebsiteSettings | null | undefined): ResolvedSettings {
  const s = raw ?? {};
  return {
    brandColor: s.brandColor ?? '#0ca678',
    position: s.position ?? 'right',
    title: s.title ?? '',
    greeting: s.greeting ?? '',
    avatarUrl: s.avatarUrl ?? '',
    language: s.language ?? 'auto',
    preChatForm: {
      name: s.preChatForm?.name ?? 'off',
      phone: s.preChatForm?.phone ?? 'off',
      email: s.preChatForm?.email ?? 'off',
    },
    allowedDomains: s.allowedDomains ?? [],
    officeHours: {
      enabled: s.officeHours?.enabled ?? false,
      offlineMessage: s.officeHours?.offlineMessage ?? '',
    },
    enforceIdentity: s.enforceIdentity ?? false,
    helpCenter: s.helpCenter ?? false,
    bot: s.bot,
  };
}

/** Is `origin` (scheme://host[:port]) allowed by the list? Empty list = any site; `*.example.com` = subdomains. */
export function originAllowed(allowed: string[], origin: string | undefined) {
  if (allowed.length === 0) return true;
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) || host === p.slice(2) : host === p;
  });
}

/** Inside the workspace's business hours right now, in its time zone? */
export function withinBusinessHours(
  hours: { day: number; open: string; close: string }[],
  timezone: string,
  now = new Date(),
) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const time = `${get('hour').padStart(2, '0')}:${get('minute')}`;
  return hours.some((h) => h.day === day && time >= h.open && time < h.close);
}
