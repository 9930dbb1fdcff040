import { Table, Text, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** The dimmed, centred line a list shows when it has nothing to show. */
export function EmptyNote({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" ta="center" py="md">
      {children}
    </Text>
  );
}

export interface DataTableProps<T> extends Omit<TableProps, 'children'> {
  /** header cells in order ('' for a column of buttons) */
  columns: ReactNode[];
  items: T[];
  /** one `<Table.Tr>` per item */
  row: (item: T) => ReactNode;
  /** below this width the table scrolls sideways */
  minWidth: number;
  /** when given: the only row while there are no items */
  empty?: ReactNode;
  testId?: string;
}

/** A table with a header row and a row per item. */
export function DataTable<T>({ columns, items, row, minWidth, empty, testId, ...table }: DataTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && empty !== undefined && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <EmptyNote>{empty}</EmptyNote>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((item) => row(item))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
