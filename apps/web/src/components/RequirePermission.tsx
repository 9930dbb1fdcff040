import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { roleAllows, type Permission } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { useAuthed } from '../session';
import { can } from '../util';

/** Renders its children only for roles with `permission`; others see a short explanation. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useAuthed();
  if (!can(user.role, permission)) {
    return (
      <Alert
        color="yellow"
        icon={<IconLock size={18} />}
        title={t('forbidden.title')}
        data-testid="forbidden"
      >
        {/* a permission supervisors have too is for "managers"; the others for owners and admins */}
        {t(roleAllows('supervisor', permission) ? 'forbidden.managers' : 'forbidden.text')}
      </Alert>
    );
  }
  return <>{children}</>;
}

/** Whether the signed-in user may change the knowledge base and train the bot. */
export function useCanManageKb(): boolean {
  const { user } = useAuthed();
  return can(user.role, 'kb.manage');
}
