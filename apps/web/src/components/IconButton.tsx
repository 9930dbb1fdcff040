import { ActionIcon, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onClick: () => void;
  testId?: string;
}

/** A subtle icon button; its tooltip is also its accessible name. */
export function IconButton({
  label,
  icon,
  color,
  onClick,
  testId,
}: Props & { label: string; icon: ReactNode; color?: string }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick} data-testid={testId}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

/** The pencil of a list row. */
export function EditButton(props: Props) {
  const { t } = useTranslation();
  return <IconButton label={t('common.edit')} icon={<IconPencil size={16} />} {...props} />;
}

/** The red bin of a list row. */
export function DeleteButton(props: Props) {
  const { t } = useTranslation();
  return <IconButton label={t('common.delete')} icon={<IconTrash size={16} />} color="red" {...props} />;
}
