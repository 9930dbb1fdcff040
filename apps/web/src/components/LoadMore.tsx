import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadMore({
  hasMore,
  loading,
  onClick,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Center mt="md">
      <Button variant="light" loading={loading} onClick={onClick} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
