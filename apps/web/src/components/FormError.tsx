import { Alert, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorLines } from '../util';

/** General (non-field) error of a form, translated at render time. */
export function FormError({ error }: { error: unknown }) {
  useTranslation(); // re-render on language change
  if (!error) return null;
  const lines = fieldErrorLines(error);
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="form-error" py="xs">
      {errorMessage(error)}
      {lines.length > 0 && (
        <List size="sm" mt={4}>
          {lines.map((l, i) => (
            <List.Item key={i}>{l}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
