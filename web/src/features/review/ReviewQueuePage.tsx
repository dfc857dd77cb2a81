import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../app/can';
import { DataTable, Pager, type Column } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { useUser } from '../auth/session';
import { StatusBadge } from '../investigations/CaseListPage';
import { useInvestigationList, type InvestigationSummary } from '../investigations/useInvestigations';

const PAGE_SIZE = 20;

const COLUMNS: Column<InvestigationSummary>[] = [
  {
    key: 'reference', header: 'Reference',
    cell: (row) => <Anchor component={Link} to={`/cases/${encodeURIComponent(row.reference)}?tab=subjects`} fw={600}>{row.reference}</Anchor>,
  },
  { key: 'title', header: 'Title', cell: (row) => row.title },
  { key: 'status', header: 'Status', cell: (row) => <StatusBadge status={row.status} /> },
  { key: 'station', header: 'Station', cell: (row) => row.station ?? '—' },
  { key: 'openedOn', header: 'Opened', cell: (row) => <DateText value={row.openedOn} /> },
  { key: 'updatedAt', header: 'Last changed', cell: (row) => <DateText value={row.updatedAt} /> },
];

function QueueTable({ status, caption, empty }: { status: 'report_submitted' | 'decision'; caption: string; empty: string }) {
  const [offset, setOffset] = useState(0);
  const list = useInvestigationList({ status, sort: 'updatedAt', limit: PAGE_SIZE, offset });
  return (
    <Stack gap="xs">
      <ErrorNotice error={list.error} title="The queue could not be loaded" />
      <DataTable caption={caption} columns={COLUMNS} rows={list.data?.items ?? []} rowKey={(r) => r.id}
        loading={list.isPending} empty={empty} />
      {list.data && <Pager total={list.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} noun={['case', 'cases']} />}
    </Stack>
  );
}

/** Cases waiting for a reviewer: reports to read, and cases awaiting findings and outcomes. Oldest change first. */
export default function ReviewQueuePage() {
  usePageTitle('Review queue');
  const user = useUser();
  if (!can(user, 'review-queue')) {
    return (
      <Stack>
        <Title order={1}>Review queue</Title>
        <Alert color="blue" variant="light" title="For reviewers">
          The review queue lists the cases awaiting a reviewer&apos;s decision. Your account does not hold the reviewer role.
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={1}>Review queue</Title>
      <Text>Cases waiting for a reviewer, the longest-waiting first. Open a case to record findings per allegation and an outcome per subject.</Text>
      <QueueTable status="report_submitted" caption="Reports submitted, to review" empty="No reports are waiting." />
      <QueueTable status="decision" caption="Awaiting decision: findings and outcomes" empty="No case is awaiting a decision." />
    </Stack>
  );
}
