import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What LoadMore needs of a paged (infinite) query. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Load more" below a paged list, while the query has another page. */
export function LoadMore({ list }: { list: PagedQuery }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Center mt="md">
      <Button
        variant="light"
        loading={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
        data-testid="load-more"
      >
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
