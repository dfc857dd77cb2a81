import { Alert, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { can } from '../../app/can';
import { notifySaved } from '../../components/notify';
import { useConflictRetry } from '../../components/ConflictDialog';
import { DateText } from '../../components/DateText';
import { countOf } from '../../components/plural';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useUser } from '../auth/session';
import { MODE_LABELS, ORIGIN_LABELS, STATUS_LABELS, type InvestigationMode, type InvestigationOrigin, type InvestigationStatus } from './labels';
import { moveLabel, movesFor } from './lifecycle';
import {
  fetchInvestigation, useInvestigationSummary, useTransition, useUpdateInvestigation, type Investigation, type InvestigationChanges,
} from './useInvestigation';

export const INVESTIGATION_FIELDS: Partial<Record<keyof Investigation, string>> = {
  title: 'Title', status: 'Status', mode: 'Mode', origin: 'Origin', station: 'Station', location: 'Location',
  operation: 'Operation', openedOn: 'Opened on', closedOn: 'Closed on', conductFrom: 'Conduct from', conductTo: 'Conduct to',
  summary: 'Summary', leadInvestigatorId: 'Lead investigator',
};

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>{term}</Text>
      <Text component="dd" m={0}>{children}</Text>
    </div>
  );
}

export function OverviewSection({ investigation }: { investigation: Investigation }) {
  const user = useUser();
  const summary = useInvestigationSummary(investigation.id);
  const lead = investigation.team.find((m) => m.lead);
  const moves = can(user, 'move-investigation') && !investigation.archivedAt
    ? movesFor(user, investigation.status, investigation.suspendedFrom) : [];
  const [move, setMove] = useState<InvestigationStatus | null>(null);
  const [editing, setEditing] = useState(false);

  return (
    <Stack>
      <section aria-labelledby="summary-heading">
        <Title order={2} size="h3" id="summary-heading">Summary</Title>
        {summary.data ? <Text mt="xs">{summary.data.sentence}</Text> : summary.error ? <ErrorNotice error={summary.error} /> : <Text c="dimmed">Loading…</Text>}
        <Text size="sm" c="dimmed" mt={4}>
          {[
            countOf(investigation.counts.subjects, ['subject', 'subjects']),
            countOf(investigation.counts.allegations, ['allegation', 'allegations']),
            countOf(investigation.counts.recommendations, ['recommendation', 'recommendations']),
          ].join(', ')}
        </Text>
      </section>

      <section aria-labelledby="status-heading">
        <Title order={2} size="h3" id="status-heading">Status</Title>
        <Text mt="xs">
          {STATUS_LABELS[investigation.status]}
          {investigation.suspendedFrom ? ` (suspended while ${STATUS_LABELS[investigation.suspendedFrom].toLowerCase()})` : ''}
        </Text>
        {moves.length > 0 && (
          <Group mt="sm" role="group" aria-label="Lifecycle moves">
            {moves.map((to) => (
              <Button key={to} variant={to === 'closed' || to === 'suspended' ? 'default' : 'filled'} onClick={() => setMove(to)}>
                {moveLabel(investigation.status, to)}
              </Button>
            ))}
          </Group>
        )}
        {can(user, 'move-investigation') && moves.length === 0 && !investigation.archivedAt && (
          <Text size="sm" c="dimmed" mt="xs">No lifecycle move is open to you from this state.</Text>
        )}
      </section>

      <section aria-labelledby="details-heading">
        <Group justify="space-between">
          <Title order={2} size="h3" id="details-heading">Details</Title>
          {can(user, 'edit-investigation') && !editing && investigation.status !== 'closed' && !investigation.archivedAt && (
            <Button variant="default" onClick={() => setEditing(true)}>Edit details</Button>
          )}
        </Group>
        {editing ? (
          <EditInvestigationForm investigation={investigation} onDone={() => setEditing(false)} />
        ) : (
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="sm">
            <Detail term="Mode">{MODE_LABELS[investigation.mode]}</Detail>
            <Detail term="Origin">{ORIGIN_LABELS[investigation.origin]}</Detail>
            <Detail term="Lead investigator">{lead?.username ?? '—'}</Detail>
            <Detail term="Station">{investigation.station ?? '—'}</Detail>
            <Detail term="Location">{investigation.location ?? '—'}</Detail>
            <Detail term="Operation">{investigation.operation ?? '—'}</Detail>
            <Detail term="Opened on"><DateText value={investigation.openedOn} /></Detail>
            <Detail term="Closed on"><DateText value={investigation.closedOn} /></Detail>
            <Detail term="Conduct period"><DateText value={investigation.conductFrom} /> to <DateText value={investigation.conductTo} /></Detail>
            <Detail term="Last changed"><DateText value={investigation.updatedAt} /></Detail>
          </SimpleGrid>
        )}
        {!editing && investigation.summary && (
          <Paper withBorder p="sm" mt="sm">
            <Text size="sm" fw={600}>Summary of the case</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{investigation.summary}</Text>
          </Paper>
        )}
      </section>
      {move && <TransitionModal investigation={investigation} to={move} onClose={() => setMove(null)} />}
    </Stack>
  );
}

function TransitionModal({ investigation, to, onClose }: { investigation: Investigation; to: InvestigationStatus; onClose(): void }) {
  const transition = useTransition(investigation.id);
  const label = moveLabel(investigation.status, to);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length >= 3 ? null : 'Give a reason of at least 3 characters') },
  });
  const conflict = useConflictRetry<Investigation, { reason: string }>({
    fetchCurrent: () => fetchInvestigation(investigation.id),
    fields: INVESTIGATION_FIELDS,
    resend: ({ reason }, current) => send(reason, current.version),
    discard: () => onClose(),
  });
  const [error, setError] = useState<unknown>(null);

  function send(reason: string, version: number) {
    setError(null);
    transition.mutate({ version, to, reason }, {
      onSuccess: (updated) => {
        notifySaved(`${updated.reference} is now ${STATUS_LABELS[updated.status].toLowerCase()}.`);
        onClose();
      },
      onError: (caught) => {
        if (conflict.offer(caught, investigation, { reason }, `${label}, with the reason "${reason}"`)) return;
        if (!applyFieldErrors(form, caught)) setError(caught);
      },
    });
  }

  return (
    <>
      <Modal opened onClose={onClose} title={label}>
        <form onSubmit={form.onSubmit(({ reason }) => send(reason.trim(), investigation.version))} noValidate>
          <Stack>
            <Text size="sm">
              From {STATUS_LABELS[investigation.status].toLowerCase()} to {STATUS_LABELS[to].toLowerCase()}. The reason goes into the case history.
            </Text>
            {to === 'closed' && (
              <Alert color="orange" variant="light" title="Closing the case">
                Closing ends the investigation: only a reviewer can reopen it. Check that every outcome is recorded.
              </Alert>
            )}
            <Textarea label="Reason" autosize minRows={3} data-autofocus {...form.getInputProps('reason')} />
            <ErrorNotice error={error} title="The case was not moved" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button type="submit" color={to === 'closed' ? 'red' : undefined} loading={transition.isPending}>
                {to === 'closed' ? 'Yes, close the case' : `Confirm: ${label.toLowerCase()}`}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {conflict.dialog}
    </>
  );
}

type EditValues = {
  title: string; mode: InvestigationMode; origin: InvestigationOrigin; station: string; location: string; operation: string;
  openedOn: string; conductFrom: string; conductTo: string; summary: string;
};

function valuesOf(i: Investigation): EditValues {
  return {
    title: i.title, mode: i.mode, origin: i.origin, station: i.station ?? '', location: i.location ?? '', operation: i.operation ?? '',
    openedOn: i.openedOn, conductFrom: i.conductFrom ?? '', conductTo: i.conductTo ?? '', summary: i.summary ?? '',
  };
}

/** Only what the user changed is sent (nullable fields emptied become null). */
function changesBetween(before: EditValues, after: EditValues): InvestigationChanges {
  const changes: Record<string, unknown> = {};
  const nullable = new Set(['station', 'location', 'operation', 'conductFrom', 'conductTo', 'summary']);
  for (const key of Object.keys(after) as (keyof EditValues)[]) {
    const value = after[key].trim();
    if (value === before[key].trim()) continue;
    changes[key] = value === '' && nullable.has(key) ? null : value;
  }
  return changes as InvestigationChanges;
}

function EditInvestigationForm({ investigation, onDone }: { investigation: Investigation; onDone(): void }) {
  const update = useUpdateInvestigation(investigation.id);
  const initial = valuesOf(investigation);
  const form = useForm<EditValues>({
    initialValues: initial,
    validate: { title: (v) => (v.trim() ? null : 'Give the case a title') },
  });
  const [error, setError] = useState<unknown>(null);
  const conflict = useConflictRetry<Investigation, InvestigationChanges>({
    fetchCurrent: () => fetchInvestigation(investigation.id),
    fields: INVESTIGATION_FIELDS,
    resend: (changes, current) => save(changes, current.version),
    discard: () => onDone(),
  });

  function save(changes: InvestigationChanges, version: number) {
    setError(null);
    update.mutate({ version, changes }, {
      onSuccess: () => { notifySaved('Details saved.'); onDone(); },
      onError: (caught) => {
        const described = Object.keys(changes).map((k) => INVESTIGATION_FIELDS[k as keyof Investigation] ?? k).join(', ');
        if (conflict.offer(caught, investigation, changes, `new values for ${described}`)) return;
        if (!applyFieldErrors(form, caught)) setError(caught);
      },
    });
  }

  return (
    <Paper withBorder p="md" mt="xs" component="form" aria-label="Edit details" noValidate
      onSubmit={form.onSubmit((values) => {
        const changes = changesBetween(initial, values);
        if (Object.keys(changes).length === 0) { onDone(); return; }
        save(changes, investigation.version);
      })}>
      <Stack>
        <TextInput label="Title" {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label="Mode" data={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('mode')} />
          <NativeSelect label="Origin" data={Object.entries(ORIGIN_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('origin')} />
          <TextInput label="Station" description="Optional" {...form.getInputProps('station')} />
          <TextInput label="Location" description="Optional" {...form.getInputProps('location')} />
          <TextInput label="Operation" description="Optional" {...form.getInputProps('operation')} />
          <TextInput type="date" label="Opened on" {...form.getInputProps('openedOn')} />
          <TextInput type="date" label="Conduct from" description="Optional" {...form.getInputProps('conductFrom')} />
          <TextInput type="date" label="Conduct to" description="Optional" {...form.getInputProps('conductTo')} />
        </SimpleGrid>
        <Textarea label="Summary" description="Optional" autosize minRows={3} {...form.getInputProps('summary')} />
        <ErrorNotice error={error} title="The details were not saved" />
        <Group>
          <Button type="submit" loading={update.isPending}>Save details</Button>
          <Button variant="default" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
      {conflict.dialog}
    </Paper>
  );
}
