import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { can } from '../../app/can';
import type { Schema } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useUser } from '../auth/session';
import { EMPLOYMENT_LABELS } from '../outcomes/labels';
import { officerName } from '../officers/officerName';
import { useAddSubject, useCreateOfficer, useOfficerSearch, type Officer } from './useSubjects';
import { notifySaved } from '../../components/notify';

/** Find an officer by name or service number and add them as a subject, or create a new officer. */
export function AddSubjectPanel({ investigationId, existing }: { investigationId: string; existing: Set<string> }) {
  const user = useUser();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const search = useOfficerSearch(query);
  const addSubject = useAddSubject(investigationId);
  const searchForm = useForm({ initialValues: { q: '' } });

  function add(officer: Officer) {
    addSubject.mutate({ officerId: officer.id }, {
      onSuccess: () => notifySaved(`${officerName(officer)} added as a subject.`),
    });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-subject-heading">
      <Stack>
        <Title order={3} size="h4" id="add-subject-heading">Add a subject</Title>
        <form role="search" aria-label="Officer search" onSubmit={searchForm.onSubmit(({ q }) => setQuery(q.trim()))}>
          <Group align="flex-end">
            <TextInput label="Find an officer" description="Name or service number" w={360} {...searchForm.getInputProps('q')} />
            <Button type="submit" variant="default">Find officer</Button>
          </Group>
        </form>
        <ErrorNotice error={search.error ?? addSubject.error} />
        {query && (
          <DataTable<Officer>
            caption={`Officers matching “${query}”`}
            rows={search.data?.items ?? []}
            rowKey={(o) => o.id}
            loading={search.isFetching}
            empty="No officer matches. Create the officer below."
            columns={[
              { key: 'name', header: 'Name', cell: (o) => officerName(o) },
              { key: 'number', header: 'Service number', cell: (o) => o.serviceNumber },
              { key: 'force', header: 'Force', cell: (o) => o.force },
              { key: 'status', header: 'Employment', cell: (o) => EMPLOYMENT_LABELS[o.employmentStatus] },
              {
                key: 'add', header: 'Actions', cell: (o) => existing.has(o.id) ? <Text size="sm">Already a subject</Text> : (
                  <Button size="xs" onClick={() => add(o)} loading={addSubject.isPending && addSubject.variables?.officerId === o.id}
                    aria-label={`Add ${officerName(o)} as a subject`}>Add as subject</Button>
                ),
              },
            ]}
          />
        )}
        {can(user, 'create-officer') && (creating
          ? <CreateOfficerForm onCreated={(officer) => { setCreating(false); add(officer); }} onCancel={() => setCreating(false)} />
          : <Group><Button variant="default" onClick={() => setCreating(true)}>Create a new officer</Button></Group>)}
      </Stack>
    </Paper>
  );
}

type OfficerValues = { givenName: string; familyName: string; serviceNumber: string; force: string; rank: string; station: string; employmentStatus: string };

function CreateOfficerForm({ onCreated, onCancel }: { onCreated(officer: Officer): void; onCancel(): void }) {
  const create = useCreateOfficer();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<OfficerValues>({
    initialValues: { givenName: '', familyName: '', serviceNumber: '', force: '', rank: '', station: '', employmentStatus: 'serving' },
    validate: {
      givenName: (v) => (v.trim() ? null : 'Enter the given name'),
      familyName: (v) => (v.trim() ? null : 'Enter the family name'),
      serviceNumber: (v) => (v.trim() ? null : 'Enter the service number'),
      force: (v) => (v.trim() ? null : 'Enter the force'),
    },
  });
  return (
    <Paper withBorder p="md" component="form" aria-label="New officer" noValidate bg="gray.0"
      onSubmit={form.onSubmit((v) => {
        setError(null);
        const body = {
          givenName: v.givenName.trim(), familyName: v.familyName.trim(), serviceNumber: v.serviceNumber.trim(), force: v.force.trim(),
          employmentStatus: v.employmentStatus, rank: v.rank.trim() || null, station: v.station.trim() || null,
        } as Schema<'CreateOfficerDto'>;
        create.mutate(body, { onSuccess: onCreated, onError: (caught) => { if (!applyFieldErrors(form, caught)) setError(caught); } });
      })}>
      <Stack>
        <Text fw={600}>New officer</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Given name" {...form.getInputProps('givenName')} />
          <TextInput label="Family name" {...form.getInputProps('familyName')} />
          <TextInput label="Service number" {...form.getInputProps('serviceNumber')} />
          <TextInput label="Force" placeholder="Metropolitan Police Service" {...form.getInputProps('force')} />
          <TextInput label="Rank" description="Optional" {...form.getInputProps('rank')} />
          <TextInput label="Officer's station" description="Optional" {...form.getInputProps('station')} />
          <NativeSelect label="Employment status" data={Object.entries(EMPLOYMENT_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('employmentStatus')} />
        </SimpleGrid>
        <ErrorNotice error={error} title="The officer was not created" />
        <Group>
          <Button type="submit" loading={create.isPending}>Create officer and add as subject</Button>
          <Button variant="default" onClick={onCancel}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
