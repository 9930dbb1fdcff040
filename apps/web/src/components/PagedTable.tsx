import { Paper } from '@mantine/core';
import { DataTable, EmptyNote, type DataTableProps } from './DataTable';
import { LoadMore, type PagedQuery } from './LoadMore';
import { QueryState } from './QueryState';

interface Props<T> extends Omit<DataTableProps<T>, 'items' | 'empty'> {
  /** a `usePagedList` query */
  list: PagedQuery & {
    items: T[];
    data?: unknown;
    isPending: boolean;
    error: unknown;
    refetch: () => unknown;
  };
  /** what to say when the list is empty (instead of the table) */
  empty: string;
}

/** A page's paged list as a table in a card: loading and errors, an empty note, "load more". */
export function PagedTable<T>({ list, empty, ...table }: Props<T>) {
  return (
    <Paper withBorder p="lg">
      <QueryState isPending={list.isPending} error={list.error} refetch={list.refetch} />
      {!!list.data && list.items.length === 0 && <EmptyNote>{empty}</EmptyNote>}
      {list.items.length > 0 && <DataTable items={list.items} {...table} />}
      <LoadMore list={list} />
    </Paper>
  );
}
