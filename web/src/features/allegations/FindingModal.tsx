import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, type Schema } from '../../api/client';
import { useConflictRetry } from '../../components/ConflictDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { fetchAllegation, useRecordFinding, type Allegation } from '../subjects/useSubjects';
import { CASE_TO_ANSWER_LABELS, CATEGORY_LABELS, FINDING_LABELS, options, SEVERITY_LABELS } from './labels';
import { notifySaved } from '../../components/notify';

type Body = Schema<'RecordFindingDto'>;
const FIELDS = { caseToAnswer: 'Case to answer', finding: 'Finding', severity: 'Severity' } as const;
const sentence = (rule: string) => `${rule.charAt(0).toUpperCase()}${rule.slice(1)}${/[.!?]$/.test(rule) ? '' : '.'}`;

/**
 * Where a broken rule (422) belongs: the API names rules only in words. A finding that would
 * leave the recorded outcome breaking the conduct rules is about the finding (and the outcome).
 */
function fieldOfRule(rule: string): 'caseToAnswer' | 'finding' {
  return /once it has been decided whether there is a case to answer/.test(rule) ? 'caseToAnswer' : 'finding';
}

export function FindingModal({ investigationId, allegation, officer, onClose }: {
  investigationId: string; allegation: Allegation; officer: string; onClose(): void;
}) {
  const record = useRecordFinding(investigationId);
  const [error, setError] = useState<unknown>(null);
  const [broken, setBroken] = useState<string | null>(null);
  const form = useForm({
    initialValues: { caseToAnswer: allegation.caseToAnswer as string, finding: allegation.finding as string, severity: allegation.severity as string },
  });
  const conflict = useConflictRetry<Allegation, Body>({
    fetchCurrent: () => fetchAllegation(allegation.id),
    fields: FIELDS,
    resend: (body, current) => send(body, current.version),
    discard: onClose,
  });

  function send(body: Body, version: number) {
    setError(null);
    setBroken(null);
    record.mutate({ id: allegation.id, version, body }, {
      onSuccess: () => { notifySaved(`Finding recorded for ${officer}.`); onClose(); },
      onError: (caught) => {
        if (conflict.offer(caught, allegation, body, `case to answer "${CASE_TO_ANSWER_LABELS[body.caseToAnswer]}", finding "${FINDING_LABELS[body.finding]}"`)) return;
        if (caught instanceof ApiError && caught.status === 422) {
          const rules = Array.isArray(caught.extra.rules) ? (caught.extra.rules as string[]) : [];
          const onFields = caught.message.startsWith("the subject's recorded outcome") || rules.length === 0 ? [caught.message] : rules;
          const errors: Record<string, string> = {};
          for (const rule of onFields) errors[fieldOfRule(rule)] = [errors[fieldOfRule(rule)], sentence(rule)].filter(Boolean).join(' ');
          form.setErrors(errors);
          setBroken(sentence(caught.message));
          return;
        }
        if (!applyFieldErrors(form, caught)) setError(caught);
      },
    });
  }

  return (
    <>
      <Modal opened onClose={onClose} title={`Finding: ${CATEGORY_LABELS[allegation.category]}`}>
        <form noValidate onSubmit={form.onSubmit((values) => {
          const body: Body = { caseToAnswer: values.caseToAnswer as Body['caseToAnswer'], finding: values.finding as Body['finding'] };
          if (values.severity !== allegation.severity) body.severity = values.severity as Body['severity'];
          send(body, allegation.version);
        })}>
          <Stack>
            <Text size="sm">Against {officer}. {allegation.detail}</Text>
            {broken && (
              <Alert color="red" variant="light" role="alert" title="A rule stops this finding">
                <Text size="sm">{broken}</Text>
              </Alert>
            )}
            <NativeSelect label="Case to answer" data={options(CASE_TO_ANSWER_LABELS)} {...form.getInputProps('caseToAnswer')} />
            <NativeSelect label="Finding" data={options(FINDING_LABELS)} {...form.getInputProps('finding')} />
            <NativeSelect label="Severity" description="Change only if your assessment differs" data={options(SEVERITY_LABELS)} {...form.getInputProps('severity')} />
            <ErrorNotice error={error} title="The finding was not recorded" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button type="submit" loading={record.isPending}>Save finding</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {conflict.dialog}
    </>
  );
}
