import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { can } from '../../app/can';
import { DataTable } from '../../components/DataTable';
import { DateText } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { today } from '../../components/today';
import { useUser } from '../auth/session';
import type { Investigation } from '../investigations/useInvestigation';
import { useAddEvidenceNote, useEvidenceNotes, type EvidenceNote } from './useEvidenceNotes';
import { notifySaved } from '../../components/notify';

export default function EvidenceNotesSection({ investigation }: { investigation: Investigation }) {
  const user = useUser();
  const notes = useEvidenceNotes(investigation.id);
  const add = useAddEvidenceNote(investigation.id);
  const form = useForm({
    initialValues: { notedOn: today(), text: '' },
    validate: { text: (v) => (v.trim() ? null : 'Write the note'), notedOn: (v) => (v ? null : 'Give the day of the note') },
  });

  return (
    <Stack>
      <Title order={2} size="h3">Evidence notes</Title>
      <Text size="sm" c="dimmed">Notes are never edited: correct one with a new note.</Text>
      <ErrorNotice error={notes.error} title="The notes could not be loaded" />
      <DataTable<EvidenceNote>
        caption="Evidence notes, oldest first"
        rows={notes.data ?? []}
        rowKey={(n) => n.id}
        loading={notes.isPending}
        empty="No evidence notes yet."
        columns={[
          { key: 'notedOn', header: 'Noted on', cell: (n) => <DateText value={n.notedOn} /> },
          { key: 'text', header: 'Note', cell: (n) => <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.text}</Text> },
          { key: 'author', header: 'By', cell: (n) => n.authorUsername ?? '—' },
        ]}
      />
      {can(user, 'add-evidence-note') && !investigation.archivedAt && (
        <Paper withBorder p="md" component="form" aria-label="Add an evidence note" noValidate
          onSubmit={form.onSubmit((values) => add.mutate({ notedOn: values.notedOn, text: values.text.trim() }, {
            onSuccess: () => { form.reset(); notifySaved('Note added.'); },
            onError: (error) => { applyFieldErrors(form, error); },
          }))}>
          <Stack>
            <Text fw={600}>Add an evidence note</Text>
            <TextInput type="date" label="Noted on" maw={240} {...form.getInputProps('notedOn')} />
            <Textarea label="Note" autosize minRows={3} {...form.getInputProps('text')} />
            {add.error && !form.errors.text && !form.errors.notedOn ? <ErrorNotice error={add.error} title="The note was not added" /> : null}
            <Group><Button type="submit" loading={add.isPending}>Add note</Button></Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
