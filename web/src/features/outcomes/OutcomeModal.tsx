import { Alert, Button, Group, List, Modal, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { ApiError, type Schema } from '../../api/client';
import { useConflictRetry } from '../../components/ConflictDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { today } from '../../components/today';
import { notifySaved } from '../../components/notify';
import type { Investigation } from '../investigations/useInvestigation';
import type { Subject } from '../subjects/useSubjects';
import { HEARING_LABELS, LEARNING_LABELS, OUTCOME_LABELS, SANCTION_LABELS } from './labels';
import { fetchOutcome, useAmendOutcome, useRecordOutcome, type Outcome } from './useOutcomes';

type Values = {
  type: string; sanction: string; learningOutcome: string; hearingType: string; regime: string;
  decidedOn: string; decidedBy: string; rationale: string;
};

const FIELDS = {
  type: 'Outcome', sanction: 'Sanction', learningOutcome: 'Learning outcome', hearingType: 'Hearing', regime: 'Regulations',
  decidedOn: 'Decided on', decidedBy: 'Decided by', rationale: 'Rationale',
} as const;

const opts = (labels: Record<string, string>, none?: string) => [
  ...(none ? [{ value: '', label: none }] : []), ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

/**
 * Which fields a broken conduct rule (422) is about. The API names the rules only in words
 * (details.rules), so the words decide; a rule about none of them belongs to the outcome itself.
 */
export function fieldsOfRule(rule: string): (keyof Values)[] {
  if (/day still in the future/.test(rule)) return ['decidedOn'];
  const fields: (keyof Values)[] = [];
  if (/learning outcome/.test(rule)) fields.push('learningOutcome');
  if (/sanction|warning|reduction in rank/.test(rule)) fields.push('sanction');
  if (/hearing/.test(rule)) fields.push('hearingType');
  return fields.length ? fields : ['type'];
}

const isDismissal = (type: string) => type === 'dismissed' || type === 'would_have_been_dismissed';
const sentence = (rule: string) => `${rule.charAt(0).toUpperCase()}${rule.slice(1)}${/[.!?]$/.test(rule) ? '' : '.'}`;

function valuesOf(outcome: Outcome | undefined, investigation: Investigation): Values {
  return {
    type: outcome?.type ?? '', sanction: outcome?.sanction ?? '', learningOutcome: outcome?.learningOutcome ?? '',
    hearingType: outcome?.hearingType ?? '', regime: outcome?.regime ?? (investigation.openedOn < '2020-02-01' ? '2012' : '2020'),
    decidedOn: outcome?.decidedOn ?? today(), decidedBy: outcome?.decidedBy ?? '', rationale: outcome?.rationale ?? '',
  };
}

export function OutcomeModal({ investigation, subject, officer, outcome, onClose }: {
  investigation: Investigation; subject: Subject; officer: string; outcome: Outcome | undefined; onClose(): void;
}) {
  const record = useRecordOutcome(investigation.id);
  const amend = useAmendOutcome(investigation.id);
  const [error, setError] = useState<unknown>(null);
  const [rules, setRules] = useState<string[]>([]);
  const [confirmingDismissal, setConfirmingDismissal] = useState<Values | null>(null);
  // Back from the confirmation step, focus returns to the outcome field (its button is gone).
  const typeField = useRef<HTMLSelectElement>(null);
  const [backFromConfirmation, setBackFromConfirmation] = useState(false);
  useEffect(() => {
    if (backFromConfirmation && !confirmingDismissal) { typeField.current?.focus(); setBackFromConfirmation(false); }
  }, [backFromConfirmation, confirmingDismissal]);
  const leaveConfirmation = () => { setConfirmingDismissal(null); setBackFromConfirmation(true); };
  const form = useForm<Values>({
    initialValues: valuesOf(outcome, investigation),
    validate: {
      type: (v) => (v ? null : 'Choose the outcome'),
      decidedOn: (v) => (v ? null : 'Give the day of the decision'),
    },
  });
  const conflict = useConflictRetry<Outcome, Schema<'AmendOutcomeDto'>>({
    fetchCurrent: () => fetchOutcome(outcome!.id),
    fields: FIELDS,
    resend: (body, current) => sendAmend(body, current.version),
    discard: onClose,
  });

  function failed(caught: unknown, body: object) {
    if (confirmingDismissal) leaveConfirmation();
    if (outcome && conflict.offer(caught, outcome, body, `the outcome "${OUTCOME_LABELS[form.values.type as keyof typeof OUTCOME_LABELS] ?? form.values.type}"`)) return;
    if (caught instanceof ApiError && caught.status === 422) {
      const broken = Array.isArray(caught.extra.rules) ? (caught.extra.rules as string[]) : [caught.message];
      setRules(broken);
      const errors: Record<string, string> = {};
      for (const rule of broken) {
        for (const field of fieldsOfRule(rule)) errors[field] = errors[field] ? `${errors[field]} ${sentence(rule)}` : sentence(rule);
      }
      form.setErrors(errors);
      return;
    }
    if (!applyFieldErrors(form, caught)) setError(caught);
  }

  const done = () => { notifySaved(`Outcome ${outcome ? 'amended' : 'recorded'} for ${officer}.`); onClose(); };

  function sendAmend(body: Schema<'AmendOutcomeDto'>, version: number) {
    amend.mutate({ id: outcome!.id, version, body }, { onSuccess: done, onError: (caught) => failed(caught, body) });
  }

  function send(v: Values) {
    setError(null);
    setRules([]);
    const body = {
      type: v.type, regime: v.regime, decidedOn: v.decidedOn,
      sanction: v.type === 'disciplined' && v.sanction ? v.sanction : undefined,
      learningOutcome: v.type === 'learning' && v.learningOutcome ? v.learningOutcome : undefined,
      hearingType: v.hearingType || undefined,
      decidedBy: v.decidedBy.trim() || undefined,
      rationale: v.rationale.trim() || undefined,
    };
    if (outcome) {
      sendAmend({
        ...body, sanction: body.sanction ?? null, learningOutcome: body.learningOutcome ?? null, hearingType: body.hearingType ?? null,
        decidedBy: body.decidedBy ?? null, rationale: body.rationale ?? null,
      } as Schema<'AmendOutcomeDto'>, outcome.version);
    } else {
      record.mutate({ subjectId: subject.id, body: body as Schema<'RecordOutcomeDto'> }, { onSuccess: done, onError: (caught) => failed(caught, body) });
    }
  }

  const type = form.values.type;
  // Only a new dismissal needs the second look: amending the details of one already recorded does not.
  const needsConfirmation = (values: Values) => isDismissal(values.type) && values.type !== outcome?.type;
  const title = confirmingDismissal ? 'Confirm the dismissal' : `${outcome ? 'Amend the outcome' : 'Record the outcome'} for ${officer}`;

  return (
    <>
      <Modal opened onClose={onClose} title={title} size="lg">
        {confirmingDismissal ? (
          <DismissalConfirmation officer={officer} type={confirmingDismissal.type} pending={record.isPending || amend.isPending}
            onBack={leaveConfirmation} onConfirm={() => send(confirmingDismissal)} />
        ) : (
          <form noValidate onSubmit={form.onSubmit((values) => (needsConfirmation(values) ? setConfirmingDismissal(values) : send(values)))}>
            <Stack>
              {rules.length > 0 && (
                <Alert color="red" variant="light" role="alert" title="A conduct rule stops this outcome">
                  <List size="sm">{rules.map((rule) => <List.Item key={rule}>{sentence(rule)}</List.Item>)}</List>
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect label="Outcome" ref={typeField} data={opts(OUTCOME_LABELS, 'Choose…')} {...form.getInputProps('type')} />
                <NativeSelect label="Sanction" description={type === 'disciplined' ? 'Needed for a disciplined outcome' : 'Only for a disciplined outcome'}
                  disabled={type !== 'disciplined'} data={opts(SANCTION_LABELS, 'None')} {...form.getInputProps('sanction')} />
                <NativeSelect label="Learning outcome" description={type === 'learning' ? 'Needed for a learning outcome' : 'Only for a learning outcome'}
                  disabled={type !== 'learning'} data={opts(LEARNING_LABELS, 'None')} {...form.getInputProps('learningOutcome')} />
                <NativeSelect label="Hearing" description="Optional; a dismissal needs a gross misconduct or accelerated hearing"
                  data={opts(HEARING_LABELS, 'No hearing')} {...form.getInputProps('hearingType')} />
                <NativeSelect label="Regulations" data={[{ value: '2020', label: '2020 regulations' }, { value: '2012', label: '2012 regulations' }]} {...form.getInputProps('regime')} />
                <TextInput type="date" label="Decided on" {...form.getInputProps('decidedOn')} />
                <TextInput label="Decided by" description="Optional: the person or panel" {...form.getInputProps('decidedBy')} />
              </SimpleGrid>
              <Textarea label="Rationale" description="Optional" autosize minRows={2} {...form.getInputProps('rationale')} />
              <ErrorNotice error={error} title="The outcome was not recorded" />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>Cancel</Button>
                <Button type="submit" loading={record.isPending || amend.isPending}>Save outcome</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
      {conflict.dialog}
    </>
  );
}

/** The second step of a dismissal, in the same dialog: what it does, and a way back to the form. */
function DismissalConfirmation({ officer, type, pending, onBack, onConfirm }: {
  officer: string; type: string; pending: boolean; onBack(): void; onConfirm(): void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  // The form's submit button is gone: focus stays in the dialog, on the safe choice.
  useEffect(() => { back.current?.focus(); }, []);
  return (
    <Stack>
      <Alert color="red" variant="light" title={`${OUTCOME_LABELS[type as keyof typeof OUTCOME_LABELS]}: ${officer}`}>
        {type === 'dismissed'
          ? `This records ${officer} as dismissed and puts them on the barred list at once. A dismissal cannot later be amended into another outcome.`
          : `This records that ${officer} would have been dismissed, and puts them on the barred list at once.`}
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" ref={back} onClick={onBack}>Go back</Button>
        <Button color="red.9" loading={pending} onClick={onConfirm}>Yes, record the dismissal</Button>
      </Group>
    </Stack>
  );
}
