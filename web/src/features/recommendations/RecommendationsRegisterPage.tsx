import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useSearchParams } from 'react-router';
import { Pager } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { RESPONSE_LABELS } from './labels';
import { RecommendationTable } from './RecommendationTable';
import { useCaseReferences, useRecommendationRegister } from './useRecommendations';

const PAGE_SIZE = 20;

/** Every recommendation the user may see: due dates, days left, overdue, and (reviewers) the follow-up. */
export default function RecommendationsRegisterPage() {
  usePageTitle('Recommendations register');
  const [params, setParams] = useSearchParams();
  const filters = {
    responseStatus: params.get('response') || undefined,
    overdue: params.get('overdue') === 'yes' ? true : params.get('overdue') === 'no' ? false : undefined,
    recipient: params.get('recipient') || undefined,
    sort: params.get('sort') || 'responseDueOn',
    limit: PAGE_SIZE,
    offset: Number(params.get('offset')) || 0,
  };
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
  const register = useRecommendationRegister(query);
  const form = useForm({ initialValues: { response: params.get('response') ?? '', overdue: params.get('overdue') ?? '', recipient: params.get('recipient') ?? '' } });

  // The register lists ids; the case references come from the (few) cases on this page.
  const references = useCaseReferences((register.data?.items ?? []).map((r) => r.investigationId));

  function set(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next);
  }

  return (
    <Stack>
      <Title order={1}>Recommendations register</Title>
      <Text>Responses are due 56 days after issue unless extended. Overdue: still awaiting a response after the due date.</Text>
      <Paper withBorder p="md" component="form" role="search" aria-label="Filter recommendations"
        onSubmit={form.onSubmit((v) => set({ response: v.response, overdue: v.overdue, recipient: v.recipient.trim(), offset: undefined }))}>
        <Group align="flex-end">
          <NativeSelect label="Response status" data={[{ value: '', label: 'Any' }, ...Object.entries(RESPONSE_LABELS).map(([value, label]) => ({ value, label }))]} {...form.getInputProps('response')} />
          <NativeSelect label="Overdue" data={[{ value: '', label: 'Any' }, { value: 'yes', label: 'Overdue only' }, { value: 'no', label: 'Not overdue' }]} {...form.getInputProps('overdue')} />
          <TextInput label="Recipient" description="Part of the name" {...form.getInputProps('recipient')} />
          <Button type="submit">Filter</Button>
        </Group>
      </Paper>
      <ErrorNotice error={register.error} title="The register could not be loaded" />
      <RecommendationTable caption="Recommendations register" rows={register.data?.items ?? []} loading={register.isPending || register.isFetching}
        empty="No recommendations match." showCase references={references}
        sort={filters.sort} onSort={(sort) => set({ sort, offset: undefined })} />
      {register.data && (
        <Pager total={register.data.total} limit={PAGE_SIZE} offset={filters.offset} noun={['recommendation', 'recommendations']}
          onOffset={(o) => set({ offset: o ? String(o) : undefined })} />
      )}
    </Stack>
  );
}
