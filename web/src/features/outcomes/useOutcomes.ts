import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, ifMatch, unwrap, type Schema } from '../../api/client';
import { caseKeys, useCaseInvalidation } from '../subjects/useSubjects';

export type Outcome = Schema<'OutcomeResponse'>;

/** The outcomes of one case (one per subject at most). */
export function caseOutcomesQuery(investigationId: string) {
  return queryOptions({
    queryKey: caseKeys.outcomes(investigationId),
    queryFn: () => fetchAllPages<Outcome>((limit, offset) => api.GET('/api/outcomes', {
      params: { query: { investigationId, limit, offset } as never },
    })),
  });
}

export function useCaseOutcomes(investigationId: string) {
  return useQuery(caseOutcomesQuery(investigationId));
}

export function fetchOutcome(id: string) {
  return unwrap(api.GET('/api/outcomes/{id}', { params: { path: { id } } }));
}

/** An outcome changes the case, the officer's place on the barred list and the warnings on the deadlines page. */
function useOutcomeInvalidation(investigationId: string) {
  const invalidateCase = useCaseInvalidation(investigationId);
  const queryClient = useQueryClient();
  return () => {
    invalidateCase();
    void queryClient.invalidateQueries({ queryKey: ['deadlines'] });
  };
}

export function useRecordOutcome(investigationId: string) {
  const invalidate = useOutcomeInvalidation(investigationId);
  return useMutation({
    mutationFn: ({ subjectId, body }: { subjectId: string; body: Schema<'RecordOutcomeDto'> }) =>
      unwrap(api.POST('/api/subjects/{subjectId}/outcome', { params: { path: { subjectId } }, body })),
    onSuccess: invalidate,
  });
}

export function useAmendOutcome(investigationId: string) {
  const invalidate = useOutcomeInvalidation(investigationId);
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: Schema<'AmendOutcomeDto'> }) =>
      unwrap(api.PATCH('/api/outcomes/{id}', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: invalidate,
  });
}
