import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Schema } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { useAddAllegation } from '../subjects/useSubjects';
import { CATEGORY_LABELS, options, SEVERITY_LABELS, STANDARD_LABELS } from './labels';
import { notifySaved } from '../../components/notify';

type Values = { category: string; standard: string; severity: string; detail: string; allegedOn: string };

export function AddAllegationForm({ investigationId, subjectId, officer, onDone }: {
  investigationId: string; subjectId: string; officer: string; onDone(): void;
}) {
  const add = useAddAllegation(investigationId);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { category: '', standard: '', severity: '', detail: '', allegedOn: '' },
    validate: {
      category: (v) => (v ? null : 'Choose a category'),
      standard: (v) => (v ? null : 'Choose the standard of professional behaviour'),
      severity: (v) => (v ? null : 'Choose the severity'),
      detail: (v) => (v.trim() ? null : 'Describe the allegation'),
    },
  });

  return (
    <Paper withBorder p="md" component="form" aria-label={`New allegation against ${officer}`} noValidate
      onSubmit={form.onSubmit((values) => {
        setError(null);
        const body = {
          category: values.category, standard: values.standard, severity: values.severity, detail: values.detail.trim(),
          ...(values.allegedOn ? { allegedOn: values.allegedOn } : {}),
        } as Schema<'CreateAllegationDto'>;
        add.mutate({ subjectId, body }, {
          onSuccess: () => { notifySaved(`Allegation added against ${officer}.`); onDone(); },
          onError: (caught) => { if (!applyFieldErrors(form, caught)) setError(caught); },
        });
      })}>
      <Stack>
        <Text fw={600}>New allegation against {officer}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect label="Category" data={[{ value: '', label: 'Choose…' }, ...options(CATEGORY_LABELS)]} {...form.getInputProps('category')} />
          <NativeSelect label="Standard of professional behaviour" data={[{ value: '', label: 'Choose…' }, ...options(STANDARD_LABELS)]} {...form.getInputProps('standard')} />
          <NativeSelect label="Severity" data={[{ value: '', label: 'Choose…' }, ...options(SEVERITY_LABELS)]} {...form.getInputProps('severity')} />
        </SimpleGrid>
        <Textarea label="Detail" autosize minRows={2} {...form.getInputProps('detail')} />
        <TextInput type="date" label="Alleged on" description="Optional" maw={240} {...form.getInputProps('allegedOn')} />
        <ErrorNotice error={error} title="The allegation was not added" />
        <Group>
          <Button type="submit" loading={add.isPending}>Add allegation</Button>
          <Button variant="default" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
