import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuthed } from '../session';
import { isAdmin } from '../util';

export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useAuthed();
  if (!isAdmin(user.role)) {
    return (
      <Alert
        color="yellow"
        icon={<IconLock size={18} />}
        title={t('forbidden.title')}
        data-testid="forbidden"
      >
        {t('forbidden.text')}
      </Alert>
    );
  }
  return <>{children}</>;
}
