import { Alert, Button, Center, Loader } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../util';

interface Props {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Loader or error box for a query; renders nothing once data is there. */
export function QueryState({ isPending, error, refetch }: Props) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('common.loadFailed')}>
        {errorMessage(error)}
        <div>
          <Button mt="sm" size="xs" variant="light" color="red" onClick={() => void refetch()}>
            {t('common.reload')}
          </Button>
        </div>
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  return null;
}
