import type { QueryClient } from '@tanstack/react-query';
import { caseOutcomesQuery } from '../outcomes/useOutcomes';
import { caseAllegationsQuery, subjectsQuery } from '../subjects/useSubjects';
import { investigationIdQuery, investigationQuery } from './useInvestigation';

/**
 * Starts every request a case page needs as soon as its reference is known: the record and the open
 * tab's parts together once the id is found, instead of one after another as the components mount.
 * Failures are left to the page's own queries to show.
 */
export async function prefetchCase(queryClient: QueryClient, reference: string, tab: string | null): Promise<void> {
  try {
    const id = await queryClient.ensureQueryData(investigationIdQuery(reference));
    const record = queryClient.prefetchQuery(investigationQuery(id));
    const parts = tab === 'subjects' ? [
      queryClient.prefetchQuery(subjectsQuery(id)),
      queryClient.prefetchQuery(caseAllegationsQuery(id)),
      queryClient.prefetchQuery(caseOutcomesQuery(id)),
    ] : [];
    await Promise.all([record, ...parts]);
  } catch {
    // The page's queries hold the error.
  }
}
