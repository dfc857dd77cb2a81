import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { notifySaved } from '../../components/notify';
import { useConflictRetry } from '../../components/ConflictDialog';
import { formatDate } from '../../components/DateText';
import { ErrorNotice } from '../../components/ErrorNotice';
import { applyFieldErrors } from '../../components/fieldErrors';
import { today } from '../../components/today';
import { IMPLEMENTATION_LABELS, RESPONSE_LABELS } from './labels';
import {
  fetchRecommendation, useExtendDeadline, useRecordImplementation, useRecordResponse, type Recommendation,
} from './useRecommendations';

export type RecommendationAction = 'extension' | 'response' | 'implementation';

const FIELDS = {
  responseDueOn: 'Response due', dueExtensionReason: 'Extension reason', responseStatus: 'Response', responseText: 'Response text',
  respondedOn: 'Responded on', implementationStatus: 'Implementation', implementationEvidence: 'Implementation evidence', text: 'Text',
} as const;

const TITLES: Record<RecommendationAction, string> = {
  extension: 'Extend the response deadline', response: 'Record the response', implementation: 'Record the implementation',
};

type Values = {
  responseDueOn: string; reason: string; responseStatus: string; responseText: string; respondedOn: string;
  implementationStatus: string; evidence: string;
};

/** The field a broken rule (422) of each action is about; the API names its rules only in words. */
function fieldOfRule(kind: RecommendationAction, message: string): keyof Values {
  if (kind === 'extension') return 'responseDueOn';
  if (kind === 'response') return /predate|future/.test(message) ? 'respondedOn' : 'responseStatus';
  return 'implementationStatus';
}

export function RecommendationActionModal({ rec, kind, onClose }: { rec: Recommendation; kind: RecommendationAction; onClose(): void }) {
  const extend = useExtendDeadline();
  const respond = useRecordResponse();
  const implement = useRecordImplementation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: {
      responseDueOn: '', reason: '', responseStatus: rec.responseStatus === 'pending' ? '' : rec.responseStatus,
      responseText: rec.responseText ?? '', respondedOn: rec.respondedOn ?? today(),
      implementationStatus: rec.implementationStatus, evidence: rec.implementationEvidence ?? '',
    },
    validate: (v) => {
      if (kind === 'extension') return { responseDueOn: v.responseDueOn ? null : 'Give the new due date', reason: v.reason.trim() ? null : 'Give the reason for the extension' };
      if (kind === 'response') return { responseStatus: v.responseStatus ? null : 'Choose the response', responseText: v.responseText.trim() ? null : 'Write what the recipient said', respondedOn: v.respondedOn ? null : 'Give the day of the response' };
      return {};
    },
  });
  const conflict = useConflictRetry<Recommendation, Values>({
    fetchCurrent: () => fetchRecommendation(rec.id),
    fields: FIELDS,
    resend: (values, current) => send(values, current.version),
    discard: onClose,
  });
  const pending = extend.isPending || respond.isPending || implement.isPending;

  function send(v: Values, version: number) {
    setError(null);
    const handlers = {
      onSuccess: () => { notifySaved(`Recommendation ${rec.number} updated.`); onClose(); },
      onError: (caught: unknown) => {
        if (conflict.offer(caught, rec, v, TITLES[kind].toLowerCase())) return;
        if (caught instanceof ApiError && caught.status === 422) {
          const m = caught.message;
          form.setErrors({ [fieldOfRule(kind, m)]: `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}` });
          return;
        }
        // The API names reason/evidence as the DTO does; the form uses the same names.
        if (!applyFieldErrors(form, caught)) setError(caught);
      },
    };
    if (kind === 'extension') extend.mutate({ id: rec.id, version, body: { responseDueOn: v.responseDueOn, reason: v.reason.trim() } }, handlers);
    else if (kind === 'response') respond.mutate({ id: rec.id, version, body: { responseStatus: v.responseStatus as 'accepted', responseText: v.responseText.trim(), respondedOn: v.respondedOn } }, handlers);
    else implement.mutate({ id: rec.id, version, body: { implementationStatus: v.implementationStatus as 'in_progress', ...(v.evidence.trim() ? { evidence: v.evidence.trim() } : {}) } }, handlers);
  }

  return (
    <>
      <Modal opened onClose={onClose} title={`${TITLES[kind]}: recommendation ${rec.number}`} size="lg">
        <form noValidate onSubmit={form.onSubmit((values) => send(values, rec.version))}>
          <Stack>
            <Text size="sm" lineClamp={4}>{rec.text}</Text>
            <Text size="sm">To {rec.recipient}; response due {formatDate(rec.responseDueOn)}.</Text>
            {kind === 'extension' && <>
              <TextInput type="date" label="New due date" {...form.getInputProps('responseDueOn')} />
              <Textarea label="Reason for the extension" autosize minRows={2} {...form.getInputProps('reason')} />
            </>}
            {kind === 'response' && <>
              <NativeSelect label="Response" data={[{ value: '', label: 'Choose…' }, ...Object.entries(RESPONSE_LABELS).filter(([v]) => v !== 'pending').map(([value, label]) => ({ value, label }))]}
                {...form.getInputProps('responseStatus')} />
              <Textarea label="What the recipient said" autosize minRows={2} {...form.getInputProps('responseText')} />
              <TextInput type="date" label="Responded on" {...form.getInputProps('respondedOn')} />
            </>}
            {kind === 'implementation' && <>
              <NativeSelect label="Implementation" data={Object.entries(IMPLEMENTATION_LABELS).map(([value, label]) => ({ value, label }))}
                {...form.getInputProps('implementationStatus')} />
              <Textarea label="Evidence" description="Optional: what shows the state of implementation" autosize minRows={2} {...form.getInputProps('evidence')} />
            </>}
            <ErrorNotice error={error} title="The recommendation was not updated" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button type="submit" loading={pending}>Save</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {conflict.dialog}
    </>
  );
}
