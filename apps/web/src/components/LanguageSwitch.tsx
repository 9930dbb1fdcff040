import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLocale } from '../i18n';
import type { Locale } from '../api';

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t('language.label')}
      size={size}
      radius="xl"
      value={i18n.language === 'zh-CN' ? 'zh-CN' : 'en'}
      onChange={(v) => setLocale(v as Locale)}
      data={[
        { value: 'zh-CN', label: t('language.zh') },
        { value: 'en', label: t('language.en') },
      ]}
    />
  );
}
