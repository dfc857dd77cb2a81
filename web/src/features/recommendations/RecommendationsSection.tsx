import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { can } from '../../app/can';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { today } from '../../components/today';
import { useUser } from '../auth/session';
import type { Investigation } from '../investigations/useInvestigation';
import { RecommendationTable } from './RecommendationTable';
import { useAddRecommendation, useCaseRecommendations } from './useRecommendations';
import { notifySaved } from '../../components/notify';

export default function RecommendationsSection({ investigation }: { investigation: Investigation }) {
  const user = useUser();
  const recs = useCaseRecommendations(investigation.id);
  const [adding, setAdding] = useState(false);
  return (
    <Stack>
      <Title order={2} size="h3">Recommendations</Title>
      <Text size="sm" c="dimmed">A response is due 56 days after issue unless a reviewer extends the deadline.</Text>
      <ErrorNotice error={recs.error} title="The recommendations could not be loaded" />
      <RecommendationTable caption="Recommendations of this case" rows={recs.data ?? []} loading={recs.isPending} empty="No recommendations yet." />
      {can(user, 'add-recommendation') && !investigation.archivedAt && (adding
        ? <AddRecommendationForm investigationId={investigation.id} onDone={() => setAdding(false)} />
        : <Group><Button variant="default" onClick={() => setAdding(true)}>Add a recommendation</Button></Group>)}
    </Stack>
  );
}

function AddRecommendationForm({ investigationId, onDone }: { investigationId: string; onDone(): void }) {
  const add = useAddRecommendation(investigationId);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { text: '', recipient: '', issuedOn: today() },
    validate: {
      text: (v) => (v.trim() ? null : 'Write the recommendation'),
      recipient: (v) => (v.trim() ? null : 'Name the organisation that must respond'),
      issuedOn: (v) => (v ? null : 'Give the day it was issued'),
    },
  });
  return (
    <Paper withBorder p="md" component="form" aria-label="New recommendation" noValidate
      onSubmit={form.onSubmit((v) => {
        setError(null);
        add.mutate({ text: v.text.trim(), recipient: v.recipient.trim(), issuedOn: v.issuedOn }, {
          onSuccess: (rec) => { notifySaved(`Recommendation ${rec.number} added.`); onDone(); },
          onError: (caught) => { if (!applyFieldErrors(form, caught)) setError(caught); },
        });
      })}>
      <Stack>
        <Text fw={600}>New recommendation</Text>
        <Textarea label="Recommendation" autosize minRows={2} {...form.getInputProps('text')} />
        <TextInput label="Recipient" description="The organisation that must respond" {...form.getInputProps('recipient')} />
        <TextInput type="date" label="Issued on" maw={240} {...form.getInputProps('issuedOn')} />
        <ErrorNotice error={error} title="The recommendation was not added" />
        <Group>
          <Button type="submit" loading={add.isPending}>Add recommendation</Button>
          <Button variant="default" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
