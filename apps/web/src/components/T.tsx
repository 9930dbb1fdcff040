import { useTranslation } from 'react-i18next';

/** Translated text that follows language switches (used for form validation errors). */
export function T({ k }: { k: string }) {
  const { t } = useTranslation();
  return <>{t(k)}</>;
}

export const v = {
  required: (value: string) => (value.trim() ? null : <T k="validation.required" />),
  email: (value: string) =>
    !value.trim() ? (
      <T k="validation.required" />
    ) : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : (
      <T k="validation.email" />
    ),
  password: (value: string) => (value.length >= 8 ? null : <T k="validation.passwordMin" />),
};
