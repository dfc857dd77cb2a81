import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../app/can';
import { DataTable, type Column } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { daysUntil } from '../../components/today';
import { useUser } from '../auth/session';
import { IMPLEMENTATION_LABELS, RESPONSE_LABELS } from './labels';
import { RecommendationActionModal, type RecommendationAction } from './RecommendationActionModal';
import type { Recommendation } from './useRecommendations';

function DaysLeft({ rec }: { rec: Recommendation }) {
  if (rec.responseStatus !== 'pending') return <Text size="sm">Answered <DateText value={rec.respondedOn} /></Text>;
  const days = daysUntil(rec.responseDueOn);
  return <Text size="sm">{days >= 0 ? `${days} day${days === 1 ? '' : 's'} left` : `${-days} day${days === -1 ? '' : 's'} late`}</Text>;
}

export function RecommendationTable({ caption, rows, loading, empty, showCase, sort, onSort, references }: {
  caption: string; rows: Recommendation[]; loading?: boolean; empty: string; showCase?: boolean;
  sort?: string; onSort?(sort: string): void; references?: Map<string, string>;
}) {
  const user = useUser();
  const [action, setAction] = useState<{ rec: Recommendation; kind: RecommendationAction } | null>(null);
  const reviewer = can(user, 'respond-recommendation');
  const columns: Column<Recommendation>[] = [
    ...(showCase ? [{
      key: 'case', header: 'Case',
      cell: (r: Recommendation) => {
        const reference = references?.get(r.investigationId);
        return reference ? <Anchor className="nowrap" component={Link} to={`/cases/${reference}?tab=recommendations`}>{reference}</Anchor> : '—';
      },
    }] : []),
    { key: 'number', header: 'No.', cell: (r) => r.number },
    { key: 'text', header: 'Recommendation', cell: (r) => <Text size="sm" lineClamp={4}>{r.text}</Text> },
    { key: 'recipient', header: 'Recipient', cell: (r) => r.recipient },
    { key: 'issued', header: 'Issued', sortField: showCase ? 'issuedOn' : undefined, cell: (r) => <DateText value={r.issuedOn} /> },
    {
      key: 'due', header: 'Response due', sortField: showCase ? 'responseDueOn' : undefined,
      cell: (r) => <><DateText value={r.responseDueOn} />{r.dueExtensionReason && <Text size="xs">Extended: {r.dueExtensionReason}</Text>}</>,
    },
    { key: 'left', header: 'Days left', cell: (r) => <DaysLeft rec={r} /> },
    { key: 'overdue', header: 'Overdue', cell: (r) => (r.overdue ? <Badge color="red.9" variant="filled">Overdue</Badge> : <Text size="sm">No</Text>) },
    { key: 'response', header: 'Response', cell: (r) => <>{RESPONSE_LABELS[r.responseStatus]}{r.responseText && <Text size="xs" lineClamp={3}>{r.responseText}</Text>}</> },
    { key: 'implementation', header: 'Implementation', cell: (r) => IMPLEMENTATION_LABELS[r.implementationStatus] },
  ];
  if (reviewer) {
    columns.push({
      key: 'actions', header: 'Actions',
      cell: (r) => (
        <Group gap={4}>
          {r.responseStatus === 'pending' && (
            <Button size="compact-xs" variant="default" aria-label={`Extend the deadline of recommendation ${r.number}`}
              onClick={() => setAction({ rec: r, kind: 'extension' })}>Extend</Button>
          )}
          <Button size="compact-xs" variant="default" aria-label={`Record the response to recommendation ${r.number}`}
            onClick={() => setAction({ rec: r, kind: 'response' })}>Response</Button>
          <Button size="compact-xs" variant="default" aria-label={`Record the implementation of recommendation ${r.number}`}
            onClick={() => setAction({ rec: r, kind: 'implementation' })}>Implementation</Button>
        </Group>
      ),
    });
  }
  return (
    <>
      <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.id} loading={loading} empty={empty} sort={sort} onSort={onSort} />
      {action && <RecommendationActionModal rec={action.rec} kind={action.kind} onClose={() => setAction(null)} />}
    </>
  );
}
