import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ifMatch, unwrap, unwrapPage, type Schema } from '../../api/client';
import { investigationKeys, type InvestigationSummary } from './useInvestigations';
import type { InvestigationStatus } from './labels';

export type Investigation = Schema<'InvestigationDetailResponse'>;
export type InvestigationChanges = Schema<'UpdateInvestigationDto'>;

/** The case a page address names: the API takes ids, so the reference is looked up first. */
export function investigationIdQuery(reference: string) {
  return queryOptions({
    queryKey: investigationKeys.byReference(reference),
    queryFn: async ({ signal }) => {
      const page = await unwrapPage<InvestigationSummary>(api.GET('/api/investigations', {
        params: { query: { reference, limit: 1, includeArchived: true } }, signal,
      }));
      const match = page.items.find((item) => item.reference === reference);
      if (!match) throw new ApiError(404, `no case ${reference}`, [], null);
      return match.id;
    },
    staleTime: Infinity,
  });
}

export function investigationQuery(id: string) {
  return queryOptions({
    queryKey: investigationKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/investigations/{id}', { params: { path: { id } }, signal })),
  });
}

export function useInvestigationByReference(reference: string) {
  return useQuery(investigationIdQuery(reference));
}

export function useInvestigation(id: string | undefined) {
  return useQuery({ ...investigationQuery(id ?? ''), enabled: Boolean(id) });
}

export function fetchInvestigation(id: string) {
  return unwrap(api.GET('/api/investigations/{id}', { params: { path: { id } } }));
}

export function useInvestigationSummary(id: string) {
  return useQuery({
    queryKey: [...investigationKeys.detail(id), 'summary'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/investigations/{investigationId}/summary', { params: { path: { investigationId: id } }, signal })),
  });
}

function useInvestigationWrite<Vars>(id: string, write: (vars: Vars) => Promise<Investigation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (investigation) => {
      queryClient.setQueryData(investigationKeys.detail(id), investigation);
      void queryClient.invalidateQueries({ queryKey: investigationKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
      void queryClient.invalidateQueries({ queryKey: ['history', id] });
    },
  });
}

export function useTransition(id: string) {
  return useInvestigationWrite(id, ({ version, to, reason }: { version: number; to: InvestigationStatus; reason: string }) =>
    unwrap(api.POST('/api/investigations/{id}/transitions', {
      params: { path: { id }, header: ifMatch(version) }, body: { to, reason },
    })));
}

export function useUpdateInvestigation(id: string) {
  return useInvestigationWrite(id, ({ version, changes }: { version: number; changes: InvestigationChanges }) =>
    unwrap(api.PATCH('/api/investigations/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })));
}

export function useAddTeamMember(id: string) {
  return useInvestigationWrite(id, ({ userId }: { userId: string }) =>
    unwrap(api.POST('/api/investigations/{id}/team', { params: { path: { id } }, body: { userId } })));
}

export function useRemoveTeamMember(id: string) {
  return useInvestigationWrite(id, ({ userId }: { userId: string }) =>
    unwrap(api.DELETE('/api/investigations/{id}/team/{userId}', { params: { path: { id, userId } } })));
}

export function useOpenInvestigation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'OpenInvestigationDto'>) => unwrap(api.POST('/api/investigations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: investigationKeys.all }),
  });
}
