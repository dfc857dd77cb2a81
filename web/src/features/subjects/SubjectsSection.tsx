import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { can } from '../../app/can';
import { DataTable } from '../../components/DataTable';
import { useReturnFocus } from '../../components/useReturnFocus';
import { countOf } from '../../components/plural';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AddAllegationForm } from '../allegations/AddAllegationForm';
import { FindingModal } from '../allegations/FindingModal';
import { CASE_TO_ANSWER_LABELS, CATEGORY_LABELS, FINDING_LABELS, SEVERITY_LABELS, STANDARD_LABELS } from '../allegations/labels';
import { useUser } from '../auth/session';
import type { Investigation } from '../investigations/useInvestigation';
import { EMPLOYMENT_LABELS, HEARING_LABELS, LEARNING_LABELS, OUTCOME_LABELS, SANCTION_LABELS } from '../outcomes/labels';
import { OutcomeModal } from '../outcomes/OutcomeModal';
import { IndependenceNotice } from '../review/IndependenceNotice';
import { AddSubjectPanel } from './AddSubjectPanel';
import { useCaseOutcomes, type Outcome } from '../outcomes/useOutcomes';
import { useCaseAllegations, useSubjects, type Allegation, type Subject } from './useSubjects';
import { officerName } from '../officers/officerName';


function OutcomeText({ outcome }: { outcome: Outcome }) {
  const parts = [OUTCOME_LABELS[outcome.type]];
  if (outcome.sanction) parts.push(SANCTION_LABELS[outcome.sanction]);
  if (outcome.learningOutcome) parts.push(LEARNING_LABELS[outcome.learningOutcome]);
  if (outcome.hearingType) parts.push(`after a ${HEARING_LABELS[outcome.hearingType].toLowerCase()}`);
  return <>{parts.join(' · ')}</>;
}

function SubjectCard({ investigation, subject, allegations, outcome }: {
  investigation: Investigation; subject: Subject; allegations: Allegation[]; outcome: Outcome | undefined;
}) {
  const user = useUser();
  const name = officerName(subject.officer);
  const [adding, setAdding] = useState(false);
  const [findingFor, setFindingFor] = useState<Allegation | null>(null);
  const [recordingOutcome, setRecordingOutcome] = useState(false);
  const focus = useReturnFocus();
  const open = !investigation.archivedAt && investigation.status !== 'closed';
  const headingId = `subject-${subject.id}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4" id={headingId}>{name}</Title>
            <Text size="sm">
              Service number {subject.officer.serviceNumber} · {subject.officer.force} · {EMPLOYMENT_LABELS[subject.officer.employmentStatus]}
              {subject.rankAtTime ? ` · ${subject.rankAtTime} at the time` : ''}
            </Text>
          </div>
          <div>
            <Text size="sm" fw={600}>Outcome</Text>
            {outcome ? <Badge variant="outline" color={outcome.type === 'dismissed' || outcome.type === 'would_have_been_dismissed' ? 'red.9' : 'gray.8'}><OutcomeText outcome={outcome} /></Badge>
              : <Text size="sm" c="dimmed">Not recorded</Text>}
          </div>
        </Group>
        <DataTable<Allegation>
          caption={`Allegations against ${name}`}
          rows={allegations}
          rowKey={(a) => a.id}
          empty="No allegations yet."
          columns={[
            { key: 'category', header: 'Category', cell: (a) => CATEGORY_LABELS[a.category] },
            { key: 'standard', header: 'Standard of professional behaviour', cell: (a) => (a.standard ? STANDARD_LABELS[a.standard] : '—') },
            { key: 'severity', header: 'Severity', cell: (a) => SEVERITY_LABELS[a.severity] },
            { key: 'cta', header: 'Case to answer', cell: (a) => CASE_TO_ANSWER_LABELS[a.caseToAnswer] },
            { key: 'finding', header: 'Finding', cell: (a) => FINDING_LABELS[a.finding] },
            ...(can(user, 'record-finding') && open ? [{
              key: 'actions', header: 'Actions',
              cell: (a: Allegation) => (
                <Button size="xs" variant="default" onClick={() => { focus.remember(); setFindingFor(a); }}
                  aria-label={`Record finding: ${CATEGORY_LABELS[a.category]}, against ${name}`}>
                  Record finding
                </Button>
              ),
            }] : []),
          ]}
        />
        <Group>
          {can(user, 'edit-allegation') && open && !adding && (
            <Button size="xs" variant="default" onClick={() => setAdding(true)} aria-label={`Add an allegation against ${name}`}>
              Add allegation
            </Button>
          )}
          {can(user, 'record-outcome') && open && (
            <Button size="xs" variant="default" onClick={() => { focus.remember(); setRecordingOutcome(true); }} aria-label={`${outcome ? 'Amend' : 'Record'} outcome for ${name}`}>
              {outcome ? 'Amend outcome' : 'Record outcome'}
            </Button>
          )}
        </Group>
        {adding && <AddAllegationForm investigationId={investigation.id} subjectId={subject.id} officer={name} onDone={() => setAdding(false)} />}
      </Stack>
      {findingFor && <FindingModal investigationId={investigation.id} allegation={findingFor} officer={name} onClose={() => { setFindingFor(null); focus.restore(); }} />}
      {recordingOutcome && (
        <OutcomeModal investigation={investigation} subject={subject} officer={name} outcome={outcome} onClose={() => { setRecordingOutcome(false); focus.restore(); }} />
      )}
    </Paper>
  );
}

export default function SubjectsSection({ investigation }: { investigation: Investigation }) {
  const user = useUser();
  const subjects = useSubjects(investigation.id);
  const allegations = useCaseAllegations(investigation.id);
  const outcomes = useCaseOutcomes(investigation.id);
  const error = subjects.error ?? allegations.error ?? outcomes.error;
  // The cards wait for all three parts, so they render once and never show "No allegations yet." for a moment.
  const loading = !error && (subjects.isPending || allegations.isPending || outcomes.isPending);
  const bySubject = new Map<string, Allegation[]>();
  for (const a of allegations.data ?? []) bySubject.set(a.subjectId, [...(bySubject.get(a.subjectId) ?? []), a]);
  const outcomeOf = new Map((outcomes.data ?? []).map((o) => [o.subjectId, o]));

  return (
    <Stack>
      <Title order={2} size="h3">Subjects and allegations</Title>
      <IndependenceNotice investigation={investigation} />
      <ErrorNotice error={error} title="The subjects could not be loaded" />
      {loading && <Text role="status">Loading the subjects…</Text>}
      {!loading && subjects.data && (
        <Text size="sm">{countOf(subjects.data.length, ['officer is a subject', 'officers are subjects'])} of this case.</Text>
      )}
      {!loading && subjects.data?.length === 0 && <Text c="dimmed">No subjects yet.</Text>}
      {!loading && subjects.data?.map((subject) => (
        <SubjectCard key={subject.id} investigation={investigation} subject={subject}
          allegations={bySubject.get(subject.id) ?? []} outcome={outcomeOf.get(subject.id)} />
      ))}
      {can(user, 'add-subject') && !investigation.archivedAt && investigation.status !== 'closed' && (
        <AddSubjectPanel investigationId={investigation.id} existing={new Set((subjects.data ?? []).map((s) => s.officerId))} />
      )}
    </Stack>
  );
}
