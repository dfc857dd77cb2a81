import { Anchor, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearchParams } from 'react-router';
import { DataTable, Pager } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { useBarredList, type BarredEntry } from './useBarredList';
import { officerName } from '../officers/officerName';

const PAGE_SIZE = 20;

export default function BarredListPage() {
  usePageTitle('Barred list');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const includeRemoved = params.get('removed') === '1';
  const offset = Number(params.get('offset')) || 0;
  const list = useBarredList({ ...(q ? { q } : {}), includeRemoved, limit: PAGE_SIZE, offset });
  const form = useForm({ initialValues: { q, includeRemoved } });

  return (
    <Stack>
      <Title order={1}>Barred list</Title>
      <Text>Officers dismissed, or found they would have been dismissed, for gross misconduct. A public register.</Text>
      <Paper withBorder p="md" component="form" role="search" aria-label="Search the barred list"
        onSubmit={form.onSubmit((v) => {
          const next = new URLSearchParams();
          if (v.q.trim()) next.set('q', v.q.trim());
          if (v.includeRemoved) next.set('removed', '1');
          setParams(next);
        })}>
        <Group align="flex-end">
          <TextInput label="Name, service number or force" description="Part of a word is enough" w={320} {...form.getInputProps('q')} />
          <Checkbox label="Include entries removed after a review or appeal" {...form.getInputProps('includeRemoved', { type: 'checkbox' })} />
          <Button type="submit">Search</Button>
        </Group>
      </Paper>
      <ErrorNotice error={list.error} title="The barred list could not be loaded" />
      <DataTable<BarredEntry>
        caption="Barred officers"
        rows={list.data?.items ?? []}
        rowKey={(e) => e.id}
        loading={list.isPending || list.isFetching}
        empty={q ? 'No one on the barred list matches.' : 'The barred list is empty.'}
        columns={[
          { key: 'name', header: 'Name', cell: (e) => officerName(e) },
          { key: 'number', header: 'Service number', cell: (e) => e.serviceNumber },
          { key: 'force', header: 'Force', cell: (e) => e.force },
          { key: 'added', header: 'Added', cell: (e) => <DateText value={e.addedOn} /> },
          { key: 'reason', header: 'Reason', cell: (e) => <Text size="sm" lineClamp={3}>{e.reason}</Text> },
          { key: 'review', header: 'Review from', cell: (e) => <DateText value={e.reviewEligibleOn} /> },
          { key: 'case', header: 'Case', cell: (e) => (e.case ? <Anchor className="nowrap" component={Link} to={`/cases/${e.case.reference}?tab=subjects`}>{e.case.reference}</Anchor> : '—') },
          ...(includeRemoved ? [{ key: 'removed', header: 'Removed', cell: (e: BarredEntry) => e.removedOn ? <><DateText value={e.removedOn} /> {e.removalReason}</> : '—' }] : []),
        ]}
      />
      {list.data && (
        <Pager total={list.data.total} limit={PAGE_SIZE} offset={offset} noun={['entry', 'entries']}
          onOffset={(o) => { const next = new URLSearchParams(params); if (o) next.set('offset', String(o)); else next.delete('offset'); setParams(next); }} />
      )}
    </Stack>
  );
}
