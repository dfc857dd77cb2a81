import { Button, Group, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { countOf, type Noun } from './plural';

export interface Column<T> {
  key: string;
  header: string;
  cell(row: T): ReactNode;
  /** The API's sort field, when the column can be sorted. */
  sortField?: string;
}

interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  /** The current sort (`field` or `-field`), for sortable columns. */
  sort?: string;
  onSort?(sort: string): void;
  empty: string;
  loading?: boolean;
}

/** A table with a caption, sortable column headers (aria-sort) and an empty state. */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, empty, loading }: DataTableProps<T>) {
  const sortedField = sort?.replace(/^-/, '');
  const descending = sort?.startsWith('-') ?? false;
  return (
    // Native overflow: a ScrollArea per table costs measuring and observers on pages with many tables.
    <Table.ScrollContainer minWidth={640} type="native">
      <Table striped highlightOnHover withTableBorder aria-busy={loading || undefined}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => {
              const active = column.sortField !== undefined && column.sortField === sortedField;
              const ariaSort = active ? (descending ? 'descending' : 'ascending') : undefined;
              return (
                <Table.Th key={column.key} scope="col" aria-sort={ariaSort}>
                  {column.sortField && onSort ? (
                    <UnstyledButton
                      fw={600}
                      fz="sm"
                      onClick={() => onSort(active && !descending ? `-${column.sortField}` : column.sortField!)}
                    >
                      {column.header}
                      <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                      <VisuallyHidden>{active ? (descending ? ', sorted descending' : ', sorted ascending') : ', sort'}</VisuallyHidden>
                    </UnstyledButton>
                  ) : column.header}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column) => <Table.Td key={column.key}>{column.cell(row)}</Table.Td>)}
            </Table.Tr>
          ))}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed" py="sm">{loading ? 'Loading…' : empty}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffset(offset: number): void;
  /** What the list counts, e.g. ['case', 'cases']. */
  noun: Noun;
}

export function Pager({ total, limit, offset, onOffset, noun }: PagerProps) {
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" aria-live="polite">
        {total === 0 ? `No ${noun[1]}` : `${offset + 1}–${Math.min(offset + limit, total)} of ${countOf(total, noun)}`} · page {page} of {pages}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={page <= 1} onClick={() => onOffset(Math.max(0, offset - limit))}>
          Previous page
        </Button>
        <Button variant="default" size="xs" disabled={page >= pages} onClick={() => onOffset(offset + limit)}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}
