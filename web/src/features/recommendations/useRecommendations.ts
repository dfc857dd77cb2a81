import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, ifMatch, unwrap, unwrapPage, type Schema } from '../../api/client';
import type { operations } from '../../api/schema';
import { fetchInvestigation } from '../investigations/useInvestigation';
import { investigationKeys } from '../investigations/useInvestigations';

export type Recommendation = Schema<'RecommendationResponse'>;
export type RegisterQuery = NonNullable<operations['RecommendationsController_list']['parameters']['query']>;

export function useCaseRecommendations(investigationId: string) {
  return useQuery({
    queryKey: ['recommendations', 'case', investigationId],
    queryFn: () => fetchAllPages<Recommendation>((limit, offset) => api.GET('/api/investigations/{investigationId}/recommendations', {
      params: { path: { investigationId }, query: { limit, offset } },
    })),
  });
}

export function useRecommendationRegister(query: Record<string, unknown>) {
  return useQuery({
    queryKey: ['recommendations', 'register', query],
    queryFn: ({ signal }) => unwrapPage<Recommendation>(api.GET('/api/recommendations', { params: { query: query as RegisterQuery }, signal })),
    placeholderData: keepPreviousData,
  });
}

/**
 * The references of the cases behind a register page (the register names cases by id). Shares
 * the case page's cache entries, so a case read once is not read again.
 */
export function useCaseReferences(investigationIds: string[]): Map<string, string> {
  const cases = useQueries({
    queries: [...new Set(investigationIds)].map((id) => ({
      queryKey: investigationKeys.detail(id),
      queryFn: () => fetchInvestigation(id),
      staleTime: 60_000,
    })),
  });
  return new Map(cases.flatMap((c) => (c.data ? [[c.data.id, c.data.reference] as const] : [])));
}

export function fetchRecommendation(id: string) {
  return unwrap(api.GET('/api/recommendations/{id}', { params: { path: { id } } }));
}

function useRecommendationWrite<V>(write: (vars: V) => Promise<Recommendation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (rec) => {
      void queryClient.invalidateQueries({ queryKey: ['recommendations'] });
      void queryClient.invalidateQueries({ queryKey: ['investigations', 'detail', rec.investigationId] });
      void queryClient.invalidateQueries({ queryKey: ['history', rec.investigationId] });
      void queryClient.invalidateQueries({ queryKey: ['deadlines'] });
    },
  });
}

export function useAddRecommendation(investigationId: string) {
  return useRecommendationWrite((body: Schema<'CreateRecommendationDto'>) =>
    unwrap(api.POST('/api/investigations/{investigationId}/recommendations', { params: { path: { investigationId } }, body })));
}

type Versioned<B> = { id: string; version: number; body: B };

export function useExtendDeadline() {
  return useRecommendationWrite(({ id, version, body }: Versioned<Schema<'ExtendResponseDeadlineDto'>>) =>
    unwrap(api.POST('/api/recommendations/{id}/extension', { params: { path: { id }, header: ifMatch(version) }, body })));
}

export function useRecordResponse() {
  return useRecommendationWrite(({ id, version, body }: Versioned<Schema<'RecordResponseDto'>>) =>
    unwrap(api.POST('/api/recommendations/{id}/response', { params: { path: { id }, header: ifMatch(version) }, body })));
}

export function useRecordImplementation() {
  return useRecommendationWrite(({ id, version, body }: Versioned<Schema<'RecordImplementationDto'>>) =>
    unwrap(api.POST('/api/recommendations/{id}/implementation', { params: { path: { id }, header: ifMatch(version) }, body })));
}
