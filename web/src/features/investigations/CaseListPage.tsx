import { Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { can, seesOnlyOwnCases } from '../../app/can';
import { DataTable, Pager, type Column } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { useUser } from '../auth/session';
import { STATUS_LABELS, STATUSES, type InvestigationStatus } from './labels';
import { caseListFilters, useInvestigationList, type InvestigationSummary } from './useInvestigations';

const FILTER_FIELDS = ['q', 'status', 'station', 'operation', 'openedFrom', 'openedTo'] as const;
type FilterValues = Record<(typeof FILTER_FIELDS)[number], string>;

export function StatusBadge({ status }: { status: InvestigationStatus }) {
  const color = status === 'closed' ? 'gray.8' : status === 'suspended' ? 'orange.9' : status === 'decision' || status === 'report_submitted' ? 'violet.9' : 'blue.9';
  return <Badge variant="outline" color={color}>{STATUS_LABELS[status]}</Badge>;
}

const COLUMNS: Column<InvestigationSummary>[] = [
  {
    key: 'reference', header: 'Reference', sortField: 'reference',
    cell: (row) => <Anchor className="nowrap" component={Link} to={`/cases/${encodeURIComponent(row.reference)}`} fw={600}>{row.reference}</Anchor>,
  },
  { key: 'title', header: 'Title', sortField: 'title', cell: (row) => row.title },
  { key: 'status', header: 'Status', sortField: 'status', cell: (row) => <StatusBadge status={row.status} /> },
  { key: 'station', header: 'Station', cell: (row) => row.station ?? '—' },
  { key: 'operation', header: 'Operation', cell: (row) => row.operation ?? '—' },
  { key: 'openedOn', header: 'Opened', sortField: 'openedOn', cell: (row) => <DateText value={row.openedOn} /> },
];

/** "My cases" for investigators (their own cases), all cases for reviewers and analysts. */
export function CaseListPage() {
  const user = useUser();
  const heading = seesOnlyOwnCases(user) ? 'My cases' : 'All cases';
  usePageTitle(heading);
  const [params, setParams] = useSearchParams();

  const filters = useMemo(() => caseListFilters(params), [params]);

  const list = useInvestigationList(filters);
  const form = useForm<FilterValues>({
    initialValues: Object.fromEntries(FILTER_FIELDS.map((f) => [f, params.get(f) ?? ''])) as FilterValues,
  });

  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value); else next.delete(key);
    }
    setParams(next);
  }

  function applyFilters(values: FilterValues) {
    update({ ...values, q: values.q.trim(), station: values.station.trim(), operation: values.operation.trim(), offset: undefined });
  }

  function clearFilters() {
    form.setValues(Object.fromEntries(FILTER_FIELDS.map((f) => [f, ''])) as FilterValues);
    setParams(new URLSearchParams(params.get('sort') ? { sort: params.get('sort')! } : {}));
  }

  const page = list.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{heading}</Title>
        {can(user, 'create-complaint') && (
          <Button component={Link} to="/complaints/new">New complaint</Button>
        )}
      </Group>
      <Paper withBorder p="md" component="form" role="search" aria-label="Filter cases" onSubmit={form.onSubmit(applyFilters)}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <TextInput label="Search" description="Reference, title, officer name or service number" {...form.getInputProps('q')} />
            <NativeSelect label="Status" data={[{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]} {...form.getInputProps('status')} />
            <TextInput label="Station" description="Exact station name" {...form.getInputProps('station')} />
            <TextInput label="Operation" description="Exact operation name" {...form.getInputProps('operation')} />
            <TextInput type="date" label="Opened from" {...form.getInputProps('openedFrom')} />
            <TextInput type="date" label="Opened to" {...form.getInputProps('openedTo')} />
          </SimpleGrid>
          <Group>
            <Button type="submit">Search</Button>
            <Button variant="default" onClick={clearFilters}>Clear filters</Button>
          </Group>
        </Stack>
      </Paper>
      {list.error ? <ErrorNotice error={list.error} title="The cases could not be loaded" /> : null}
      <DataTable
        caption={heading}
        columns={COLUMNS}
        rows={page?.items ?? []}
        rowKey={(row) => row.id}
        sort={filters.sort}
        onSort={(sort) => update({ sort, offset: undefined })}
        loading={list.isPending || list.isFetching}
        empty={Object.values(form.values).some(Boolean) ? 'No cases match these filters.' : 'No cases yet.'}
      />
      {page && (
        <Pager total={page.total} limit={page.limit} offset={page.offset} noun={['case', 'cases']}
          onOffset={(offset) => update({ offset: offset ? String(offset) : undefined })} />
      )}
    </Stack>
  );
}
