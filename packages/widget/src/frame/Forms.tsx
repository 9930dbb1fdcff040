import { useState } from 'preact/hooks';
import { ApiError, type FormRule } from './api.js';
import type { Chat } from './chat.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\- ]{3,40}$/;

/** Asked before the first message when the inbox wants to know who is writing. */
export function PrechatForm({ chat }: { chat: Chat }) {
  const t = chat.t;
  const form = chat.state.config!.preChatForm;
  const contact = chat.state.contact;
  const [values, setValues] = useState({
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const fields = (['name', 'email', 'phone'] as const).filter((f) => form[f] !== 'off');

  const validate = () => {
    const found: Record<string, string> = {};
    for (const f of fields) {
      const v = values[f].trim();
      if (!v && form[f] === 'required') found[f] = t('required');
      else if (v && f === 'email' && !EMAIL.test(v)) found[f] = t('invalidEmail');
      else if (v && f === 'phone' && !PHONE.test(v)) found[f] = t('invalidPhone');
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!validate()) return;
    setBusy(true);
    try {
      await chat.submitPrechat(
        Object.fromEntries(fields.map((f) => [f, values[f].trim()]).filter(([, v]) => v)),
      );
    } catch (error) {
      if (error instanceof ApiError && error.field) setErrors({ [error.field]: error.message });
      else setErrors({ form: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const label = (f: 'name' | 'email' | 'phone', rule: FormRule) =>
    `${t(f)}${rule === 'optional' ? ` ${t('optional')}` : ''}`;

  return (
    <form class="prechat" data-testid="kefu-prechat" onSubmit={submit} noValidate>
      <p class="prechat-title">{t('prechatTitle')}</p>
      {fields.map((f) => (
        <label key={f} class="field">
          <span>{label(f, form[f])}</span>
          <input
            name={f}
            data-testid={`kefu-prechat-${f}`}
            type={(f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text') as 'text'}
            autoComplete={f === 'phone' ? 'tel' : f}
            required={form[f] === 'required'}
            aria-invalid={errors[f] ? 'true' : undefined}
            value={values[f]}
            onInput={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
          />
          {errors[f] && (
            <small class="error" role="alert">
              {errors[f]}
            </small>
          )}
        </label>
      ))}
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="send wide" disabled={busy} data-testid="kefu-prechat-submit">
        {t('start')}
      </button>
    </form>
  );
}

/** Outside office hours or with nobody online: say so, and let the visitor leave a way to reach them. */
export function OfflineNotice({ chat }: { chat: Chat }) {
  const t = chat.t;
  const config = chat.state.config!;
  const hasEmail = Boolean(chat.state.contact?.email);
  const [email, setEmail] = useState('');
  const [state, setState] = useState<'idle' | 'saved' | 'error'>('idle');
  return (
    <section class="offline" data-testid="kefu-offline" aria-live="polite">
      <strong>{t('offlineTitle')}</strong>
      <p>{config.offlineMessage}</p>
      {!hasEmail && state !== 'saved' && (
        <form
          class="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!EMAIL.test(email.trim())) return setState('error');
            chat.leaveEmail(email.trim()).then(
              () => setState('saved'),
              () => setState('error'),
            );
          }}
        >
          <label class="sr-only" for="kefu-offline-email">
            {t('email')}
          </label>
          <input
            id="kefu-offline-email"
            type="email"
            placeholder={t('leaveEmail')}
            value={email}
            aria-invalid={state === 'error' ? 'true' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <button type="submit">{t('save')}</button>
        </form>
      )}
      {state === 'error' && (
        <small class="error" role="alert">
          {t('invalidEmail')}
        </small>
      )}
      {(state === 'saved' || hasEmail) && <small>{t('saved')}</small>}
    </section>
  );
}
