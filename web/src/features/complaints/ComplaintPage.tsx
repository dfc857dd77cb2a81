import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoading } from '../../app/Layout';
import { can } from '../../app/can';
import type { Schema } from '../../api/client';
import { DateText } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { today } from '../../components/today';
import { usePageTitle } from '../../components/usePageTitle';
import { useUser } from '../auth/session';
import { MODE_LABELS, ORIGIN_LABELS } from '../investigations/labels';
import { useOpenInvestigation } from '../investigations/useInvestigation';
import { CHANNEL_LABELS, COMPLAINT_STATUS_LABELS, ORIGIN_OF_CHANNEL } from './labels';
import { fetchComplaint, useComplaint, useUpdateComplaint, type Complaint } from './useComplaints';

export default function ComplaintPage() {
  const { id = '' } = useParams();
  const complaint = useComplaint(id);
  const user = useUser();
  usePageTitle(complaint.data ? `Complaint ${complaint.data.reference}` : 'Complaint');
  if (complaint.error) return <Stack><Title order={1}>Complaint</Title><ErrorNotice error={complaint.error} title="The complaint could not be loaded" /></Stack>;
  const c = complaint.data;
  if (!c) return <PageLoading />;
  return (
    <Stack maw={900}>
      <Title order={1}>Complaint {c.reference}</Title>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="sm">
        <div><Text component="dt" size="sm" fw={600}>How it came in</Text><Text component="dd" m={0}>{CHANNEL_LABELS[c.channel]}</Text></div>
        <div><Text component="dt" size="sm" fw={600}>Received on</Text><Text component="dd" m={0}><DateText value={c.receivedOn} /></Text></div>
        <div><Text component="dt" size="sm" fw={600}>Status</Text><Text component="dd" m={0}>{COMPLAINT_STATUS_LABELS[c.status]}</Text></div>
      </SimpleGrid>
      {c.summary && <Text style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Text>}
      {'complainantAnonymous' in c && (
        <Paper withBorder p="md" className="sensitive-fieldset" component="section" aria-labelledby="complainant-heading">
          <Title order={2} size="h4" id="complainant-heading">Complainant (sensitive personal data)</Title>
          {c.complainantAnonymous ? <Text>Anonymous: no name or contact is held.</Text> : (
            <Text>{c.complainantName ?? '—'}{c.complainantContact ? ` · ${c.complainantContact}` : ''}</Text>
          )}
        </Paper>
      )}
      {c.investigationId ? (
        <Alert color="green" variant="light" title="Under investigation">This complaint is linked to an investigation.</Alert>
      ) : can(user, 'open-investigation') ? <OpenInvestigationForm complaint={c} /> : null}
      <Anchor component={Link} to="/cases">Back to the cases</Anchor>
    </Stack>
  );
}

type Values = { title: string; mode: string; origin: string; openedOn: string; station: string; location: string; operation: string; summary: string };

function OpenInvestigationForm({ complaint }: { complaint: Complaint }) {
  const open = useOpenInvestigation();
  const link = useUpdateComplaint(complaint.id);
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: {
      title: '', mode: 'local', origin: ORIGIN_OF_CHANNEL[complaint.channel], openedOn: today(),
      station: '', location: '', operation: '', summary: complaint.summary ?? '',
    },
    validate: { title: (v) => (v.trim() ? null : 'Give the investigation a title') },
  });

  async function submit(v: Values) {
    setError(null);
    const body: Schema<'OpenInvestigationDto'> = {
      title: v.title.trim(), mode: v.mode as Schema<'OpenInvestigationDto'>['mode'], origin: v.origin as Schema<'OpenInvestigationDto'>['origin'],
      openedOn: v.openedOn, station: v.station.trim() || null, location: v.location.trim() || null,
      operation: v.operation.trim() || null, summary: v.summary.trim() || null,
    };
    let investigation;
    try {
      investigation = await open.mutateAsync(body);
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) setError(caught);
      return;
    }
    try {
      // Linking re-reads the complaint first: its version may have moved since this page loaded.
      const current = await fetchComplaint(complaint.id);
      await link.mutateAsync({ version: current.version, body: { investigationId: investigation.id } });
    } catch (caught) {
      setError(caught);
      return;
    }
    navigate(`/cases/${encodeURIComponent(investigation.reference)}`);
  }

  return (
    <Paper withBorder p="lg" component="form" aria-label="Open an investigation" noValidate onSubmit={form.onSubmit(submit)}>
      <Stack>
        <Title order={2} size="h3">Open an investigation</Title>
        <Text size="sm">You will lead it. The complaint is linked to it.</Text>
        <TextInput label="Title" {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label="Mode" data={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('mode')} />
          <NativeSelect label="Origin" data={Object.entries(ORIGIN_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('origin')} />
          <TextInput type="date" label="Opened on" {...form.getInputProps('openedOn')} />
          <TextInput label="Station" description="Optional" {...form.getInputProps('station')} />
          <TextInput label="Location" description="Optional" {...form.getInputProps('location')} />
          <TextInput label="Operation" description="Optional" {...form.getInputProps('operation')} />
        </SimpleGrid>
        <Textarea label="Summary" description="Optional" autosize minRows={2} {...form.getInputProps('summary')} />
        <ErrorNotice error={error} title="The investigation was not opened" />
        <Group><Button type="submit" loading={open.isPending || link.isPending}>Open investigation</Button></Group>
      </Stack>
    </Paper>
  );
}
