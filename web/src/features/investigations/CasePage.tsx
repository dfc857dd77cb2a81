import { Anchor, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageLoading } from '../../app/Layout';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { StatusBadge } from './CaseListPage';
import EvidenceNotesSection from '../evidence/EvidenceNotesSection';
import HistorySection from '../history/HistorySection';
import RecommendationsSection from '../recommendations/RecommendationsSection';
import SubjectsSection from '../subjects/SubjectsSection';
import { OverviewSection } from './OverviewSection';
import { prefetchCase } from './prefetchCase';
import { TeamSection } from './TeamSection';
import { useInvestigation, useInvestigationByReference } from './useInvestigation';

const TABS = [
  { value: 'overview', label: 'Overview' },
  { value: 'team', label: 'Team' },
  { value: 'subjects', label: 'Subjects and allegations' },
  { value: 'evidence', label: 'Evidence notes' },
  { value: 'recommendations', label: 'Recommendations' },
  { value: 'history', label: 'History' },
] as const;
type TabValue = (typeof TABS)[number]['value'];

/** One case, found by its reference (INV-YYYY-NNNNNN), in tabs; the open tab is in the address. */
export default function CasePage() {
  const { reference = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.value === params.get('tab'))?.value ?? 'overview') as TabValue;
  const queryClient = useQueryClient();
  // The tabs ship with the page (no second chunk to wait for), and the open tab's data is asked for with the record.
  useEffect(() => { void prefetchCase(queryClient, reference, tab); }, [queryClient, reference, tab]);
  const lookup = useInvestigationByReference(reference);
  const investigation = useInvestigation(lookup.data);
  const tabLabel = TABS.find((t) => t.value === tab)!.label;
  usePageTitle(tab === 'overview' ? `Case ${reference}` : `${tabLabel} · Case ${reference}`);

  const error = lookup.error ?? investigation.error;
  if (error) {
    return (
      <Stack>
        <Title order={1}>Case {reference}</Title>
        <ErrorNotice error={error} title="The case could not be loaded" />
        <Anchor component={Link} to="/cases">Back to the cases</Anchor>
      </Stack>
    );
  }
  const record = investigation.data;
  if (!record) return <PageLoading />;

  return (
    <Stack>
      <Anchor component={Link} to="/cases" size="sm">← Cases</Anchor>
      <div>
        <Group gap="sm" align="center">
          <Title order={1}>{record.reference}</Title>
          <StatusBadge status={record.status} />
        </Group>
        <Text size="lg" mt={4}>{record.title}</Text>
        {record.archivedAt && <Text c="red.9" fw={600}>Archived: {record.archiveReason}</Text>}
      </div>
      <Tabs value={tab} onChange={(value) => {
        const next = new URLSearchParams(params);
        if (!value || value === 'overview') next.delete('tab'); else next.set('tab', value);
        setParams(next, { replace: true });
      }} keepMounted={false}>
        <Tabs.List aria-label="Parts of the case">
          {TABS.map((t) => <Tabs.Tab key={t.value} value={t.value}>{t.label}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md"><OverviewSection investigation={record} /></Tabs.Panel>
        <Tabs.Panel value="team" pt="md"><TeamSection investigation={record} /></Tabs.Panel>
        <Tabs.Panel value="subjects" pt="md"><SubjectsSection investigation={record} /></Tabs.Panel>
        <Tabs.Panel value="evidence" pt="md"><EvidenceNotesSection investigation={record} /></Tabs.Panel>
        <Tabs.Panel value="recommendations" pt="md"><RecommendationsSection investigation={record} /></Tabs.Panel>
        <Tabs.Panel value="history" pt="md"><HistorySection investigation={record} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
