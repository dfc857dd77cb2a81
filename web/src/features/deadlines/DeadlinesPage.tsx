import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageLoading } from '../../app/Layout';
import { DataTable } from '../../components/DataTable';
import { DateText, formatDate } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { MODE_LABELS } from '../investigations/labels';
import { StatusBadge } from '../investigations/CaseListPage';
import { SANCTION_LABELS } from '../outcomes/labels';
import { useDeadlines, type Deadlines } from './useDeadlines';

function Figure({ label, value, tone }: { label: string; value: number; tone?: 'red' }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text fz={32} fw={700} c={tone === 'red' && value > 0 ? 'red.9' : undefined}>{value}</Text>
    </Paper>
  );
}

/** The dashboard lists the first rows of each section; the figure above it counts them all. */
function Shown({ shown, total }: { shown: number; total: number }) {
  return shown < total ? <Text size="sm">Showing the first {shown} of {total}.</Text> : null;
}

const caseLink = (reference: string, tab?: string) => (
  <Anchor component={Link} to={`/cases/${reference}${tab ? `?tab=${tab}` : ''}`}>{reference}</Anchor>
);

/** What is due or late across the cases the user may see (GET /api/reports/deadlines). */
export default function DeadlinesPage() {
  usePageTitle('Deadlines');
  const deadlines = useDeadlines();
  const d = deadlines.data;
  return (
    <Stack>
      <Title order={1}>Deadlines</Title>
      <ErrorNotice error={deadlines.error} title="The deadlines could not be loaded" />
      {!d && !deadlines.error && <PageLoading />}
      {d && <DeadlinesBody d={d} />}
    </Stack>
  );
}

function DeadlinesBody({ d }: { d: Deadlines }) {
  return (
    <>
      <Text>As of {formatDate(d.asOf)}.</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Figure label="Recommendations overdue" value={d.recommendations.overdue} tone="red" />
        <Figure label={`Recommendations due within ${d.rules.recommendationsDueWithinDays} days`} value={d.recommendations.dueSoon} />
        <Figure label={`Cases open longer than ${d.rules.investigationsOpenLongerThanMonths} months`} value={d.investigations.total} />
        <Figure label={`Warnings expiring within ${d.rules.warningsExpiringWithinDays} days`} value={d.warnings.total} />
      </SimpleGrid>

      <Title order={2} size="h3">Recommendation responses</Title>
      <DataTable<Deadlines['recommendations']['items'][number]>
        caption="Recommendation responses overdue or due soon, earliest first"
        rows={d.recommendations.items}
        rowKey={(r) => r.id}
        empty="No recommendation response is overdue or due soon."
        columns={[
          { key: 'case', header: 'Case', cell: (r) => caseLink(r.investigationReference, 'recommendations') },
          { key: 'number', header: 'No.', cell: (r) => r.number },
          { key: 'recipient', header: 'Recipient', cell: (r) => r.recipient },
          { key: 'due', header: 'Response due', cell: (r) => <DateText value={r.responseDueOn} /> },
          {
            key: 'days', header: 'Days left', cell: (r) => (
              <Group gap={6}>
                <Text size="sm">{r.daysToDue >= 0 ? `${r.daysToDue} days left` : `${-r.daysToDue} days late`}</Text>
                {r.state === 'overdue' && <Badge color="red.9" variant="filled">Overdue</Badge>}
              </Group>
            ),
          },
        ]}
      />

      <Shown shown={d.recommendations.items.length} total={d.recommendations.total} />

      <Title order={2} size="h3">Long-running cases</Title>
      <DataTable<Deadlines['investigations']['items'][number]>
        caption={`Cases not closed, open longer than ${d.rules.investigationsOpenLongerThanMonths} months, longest first`}
        rows={d.investigations.items}
        rowKey={(i) => i.id}
        empty="No case has been open that long."
        columns={[
          { key: 'reference', header: 'Case', cell: (i) => caseLink(i.reference) },
          { key: 'title', header: 'Title', cell: (i) => i.title },
          { key: 'status', header: 'Status', cell: (i) => <StatusBadge status={i.status} /> },
          { key: 'mode', header: 'Mode', cell: (i) => MODE_LABELS[i.mode] },
          { key: 'opened', header: 'Opened', cell: (i) => <DateText value={i.openedOn} /> },
          { key: 'days', header: 'Days open', cell: (i) => i.daysOpen },
        ]}
      />

      <Shown shown={d.investigations.items.length} total={d.investigations.total} />

      <Title order={2} size="h3">Warnings expiring</Title>
      <DataTable<Deadlines['warnings']['items'][number]>
        caption="Written warnings still live that expire soon, soonest first"
        rows={d.warnings.items}
        rowKey={(w) => w.outcomeId}
        empty="No warning expires soon."
        columns={[
          { key: 'officer', header: 'Officer', cell: (w) => w.officer.name ?? w.officer.id },
          { key: 'case', header: 'Case', cell: (w) => caseLink(w.investigationReference, 'subjects') },
          { key: 'sanction', header: 'Warning', cell: (w) => SANCTION_LABELS[w.sanction] },
          { key: 'decided', header: 'Decided', cell: (w) => <DateText value={w.decidedOn} /> },
          { key: 'expires', header: 'Expires', cell: (w) => <DateText value={w.expiresOn} /> },
          { key: 'days', header: 'Days left', cell: (w) => w.daysToExpiry },
        ]}
      />
      <Shown shown={d.warnings.items.length} total={d.warnings.total} />
    </>
  );
}
