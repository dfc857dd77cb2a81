import { List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DataTable, Pager } from '../../components/DataTable';
import { DateText, formatDate } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { Investigation } from '../investigations/useInvestigation';
import { useInvestigationHistory, type AuditEvent } from './useHistory';

const PAGE_SIZE = 25;

/** `investigation.transitioned` → "Investigation transitioned". */
function actionWords(action: string): string {
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) ? formatDate(v) : v;
  return JSON.stringify(v);
}

function Changes({ event }: { event: AuditEvent }) {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  // A record's creation lists every column; the ones still empty say nothing.
  const changes = (Object.entries(event.changes ?? {}) as [string, { before?: unknown; after?: unknown }][])
    .filter(([, change]) => !(empty(change?.before) && empty(change?.after)));
  const reason = typeof event.detail?.reason === 'string' ? event.detail.reason : null;
  if (!changes.length && !reason) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {changes.length > 0 && (
        <List size="sm" spacing={2}>
          {changes.map(([field, change]) => (
            <List.Item key={field}>
              <strong>{field}</strong>: {value(change?.before)} → {value(change?.after)}
            </List.Item>
          ))}
        </List>
      )}
      {reason && <Text size="sm">Reason: {reason}</Text>}
    </Stack>
  );
}

export default function HistorySection({ investigation }: { investigation: Investigation }) {
  const [offset, setOffset] = useState(0);
  const history = useInvestigationHistory(investigation.id, PAGE_SIZE, offset);
  return (
    <Stack>
      <Title order={2} size="h3">History</Title>
      <ErrorNotice error={history.error} title="The history could not be loaded" />
      <DataTable<AuditEvent>
        caption="Case history, newest first"
        rows={history.data?.items ?? []}
        rowKey={(e) => String(e.seq)}
        loading={history.isPending}
        empty="No changes recorded."
        columns={[
          { key: 'at', header: 'When', cell: (e) => <DateText value={e.at} /> },
          { key: 'who', header: 'Who', cell: (e) => e.actor?.username ?? 'the system' },
          { key: 'what', header: 'What', cell: (e) => actionWords(e.action) },
          { key: 'changes', header: 'Before and after', cell: (e) => <Changes event={e} /> },
        ]}
      />
      {history.data && (
        <Pager total={history.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} noun={['event', 'events']} />
      )}
    </Stack>
  );
}
