import { Alert, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { formatDate } from './DateText';
import { ErrorNotice } from './ErrorNotice';

export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) return formatDate(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface ConflictDialogProps<T extends { version: number }> {
  /** What the user had on screen when they made their change. */
  base: T;
  /** Reads the record as it is on the server now. */
  fetchCurrent(): Promise<T>;
  /** The fields worth comparing, with the words for them. */
  fields: Partial<Record<keyof T & string, string>>;
  /** The user's change, in words, so they know what will be sent again. */
  change: string;
  /** Sends the user's change again on top of the current version. */
  onReapply(current: T): void;
  /** Keeps the server's version and drops the user's change. */
  onDiscard(current: T): void;
}

/**
 * A 412 answer: someone else changed the record since this user read it. Shows what changed and
 * lets the user reapply their change to the current version; nothing is overwritten silently.
 */
export function ConflictDialog<T extends { version: number }>({ base, fetchCurrent, fields, change, onReapply, onDiscard }: ConflictDialogProps<T>) {
  const [current, setCurrent] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    fetchCurrent().then((value) => { if (!cancelled) setCurrent(value); }, (caught: unknown) => { if (!cancelled) setError(caught); });
    return () => { cancelled = true; };
    // Read once, when the dialog opens: the comparison is with that moment's version.
  }, []);

  const changed = current
    ? (Object.keys(fields) as (keyof T & string)[]).filter((key) => JSON.stringify(base[key]) !== JSON.stringify(current[key]))
    : [];

  return (
    <Modal opened onClose={() => current && onDiscard(current)} title="Someone else changed this record" size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange" variant="light" role="alert">
          Your change was not saved: since you opened this record, someone else saved a newer version
          {current ? ` (version ${current.version}; you had version ${base.version})` : ''}. Nothing was overwritten.
        </Alert>
        <Text size="sm"><strong>Your change:</strong> {change}</Text>
        {!current && !error && <Group gap="xs" role="status"><Loader size="xs" aria-hidden="true" /><Text size="sm">Loading the current version…</Text></Group>}
        {error ? <ErrorNotice error={error} title="The current version could not be loaded" /> : null}
        {current && (
          changed.length ? (
            <Table withTableBorder aria-label="What changed since you opened the record">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Field</Table.Th>
                  <Table.Th scope="col">What you had</Table.Th>
                  <Table.Th scope="col">Now</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changed.map((key) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row">{fields[key]}</Table.Th>
                    <Table.Td>{show(base[key])}</Table.Td>
                    <Table.Td>{show(current[key])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : <Text size="sm">None of the fields shown here changed (another part of the record did).</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" disabled={!current} onClick={() => current && onDiscard(current)}>Discard my change</Button>
          <Button disabled={!current} onClick={() => current && onReapply(current)}>Reload and reapply</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface Pending<T, V> {
  base: T;
  vars: V;
  change: string;
}

/**
 * The 412 handling of one versioned write: `offer(error, base, vars, change)` opens the dialog when
 * the error is a conflict (returns false otherwise); "Reload and reapply" sends `vars` again with
 * the current version.
 */
export function useConflictRetry<T extends { version: number }, V>(options: {
  fetchCurrent(): Promise<T>;
  fields: Partial<Record<keyof T & string, string>>;
  resend(vars: V, current: T): void;
  discard?(current: T): void;
}): { offer(error: unknown, base: T, vars: V, change: string): boolean; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending<T, V> | null>(null);
  const dialog = pending ? (
    <ConflictDialog<T>
      base={pending.base}
      fetchCurrent={options.fetchCurrent}
      fields={options.fields}
      change={pending.change}
      onReapply={(current) => { setPending(null); options.resend(pending.vars, current); }}
      onDiscard={(current) => { setPending(null); options.discard?.(current); }}
    />
  ) : null;
  return {
    offer(error, base, vars, change) {
      if (!isConflict(error)) return false;
      setPending({ base, vars, change });
      return true;
    },
    dialog,
  };
}
