import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Schema } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { today } from '../../components/today';
import { usePageTitle } from '../../components/usePageTitle';
import { CHANNEL_LABELS } from './labels';
import { useCreateComplaint } from './useComplaints';

type Values = { channel: string; receivedOn: string; summary: string; anonymous: boolean; name: string; contact: string };

/** Complaint intake: the complaint, then (on its page) an investigation opened from it. */
export default function NewComplaintPage() {
  usePageTitle('New complaint');
  const navigate = useNavigate();
  const create = useCreateComplaint();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { channel: 'public_complaint', receivedOn: today(), summary: '', anonymous: false, name: '', contact: '' },
    validate: {
      receivedOn: (v) => (v ? null : 'Give the day the complaint was received'),
      name: (v, values) => (values.anonymous || v.trim() ? null : 'Give the complainant\'s name, or tick "Anonymous"'),
    },
  });

  return (
    <Stack maw={760}>
      <Title order={1}>New complaint</Title>
      <Text>Record the complaint first; you can then open an investigation from it.</Text>
      <Paper withBorder p="lg" component="form" aria-label="New complaint" noValidate
        onSubmit={form.onSubmit((v) => {
          setError(null);
          const body: Schema<'CreateComplaintDto'> = {
            channel: v.channel as Schema<'CreateComplaintDto'>['channel'], receivedOn: v.receivedOn, summary: v.summary.trim() || null,
            complainant: v.anonymous ? { anonymous: true } : { anonymous: false, name: v.name.trim(), ...(v.contact.trim() ? { contact: v.contact.trim() } : {}) },
          };
          create.mutate(body, {
            onSuccess: (complaint) => navigate(`/complaints/${complaint.id}`),
            onError: (caught) => {
              if (!applyFieldErrors(form, caught, { 'complainant.name': 'name', 'complainant.contact': 'contact', 'complainant.anonymous': 'anonymous', complainant: 'name' })) setError(caught);
            },
          });
        })}>
        <Stack>
          <NativeSelect label="How it came in" data={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('channel')} />
          <TextInput type="date" label="Received on" maw={240} {...form.getInputProps('receivedOn')} />
          <Textarea label="What the complaint is about" description="Optional" autosize minRows={3} {...form.getInputProps('summary')} />
          <Fieldset legend="Complainant (sensitive personal data)" className="sensitive-fieldset" aria-describedby="sensitive-note">
            <Stack>
              <Alert id="sensitive-note" color="orange" variant="light" title="Sensitive personal data">
                Only the case's investigators and reviewers can see these details; analysts never do. Record only what the case needs.
              </Alert>
              <Checkbox label="Anonymous: no name or contact is held" {...form.getInputProps('anonymous', { type: 'checkbox' })} />
              <TextInput label="Complainant's name" disabled={form.values.anonymous} autoComplete="off" {...form.getInputProps('name')} />
              <TextInput label="Complainant's contact details" description="Optional: address, phone or email" disabled={form.values.anonymous} autoComplete="off" {...form.getInputProps('contact')} />
            </Stack>
          </Fieldset>
          <ErrorNotice error={error} title="The complaint was not recorded" />
          <Group><Button type="submit" loading={create.isPending}>Record complaint</Button></Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
