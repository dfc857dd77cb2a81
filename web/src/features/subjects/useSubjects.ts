import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, ifMatch, unwrap, unwrapPage, type Schema } from '../../api/client';

export type Subject = Schema<'SubjectResponse'>;
export type Allegation = Schema<'AllegationResponse'>;
export type Officer = Schema<'OfficerResponse'>;

export const caseKeys = {
  subjects: (investigationId: string) => ['case', investigationId, 'subjects'] as const,
  allegations: (investigationId: string) => ['case', investigationId, 'allegations'] as const,
  outcomes: (investigationId: string) => ['case', investigationId, 'outcomes'] as const,
};

export function subjectsQuery(investigationId: string) {
  return queryOptions({
    queryKey: caseKeys.subjects(investigationId),
    queryFn: () => fetchAllPages<Subject>((limit, offset) => api.GET('/api/investigations/{investigationId}/subjects', {
      params: { path: { investigationId }, query: { limit, offset } as never },
    })),
  });
}

/** Every allegation of the case in one list (grouped by subject on the page). */
export function caseAllegationsQuery(investigationId: string) {
  return queryOptions({
    queryKey: caseKeys.allegations(investigationId),
    queryFn: () => fetchAllPages<Allegation>((limit, offset) => api.GET('/api/allegations', {
      params: { query: { investigationId, limit, offset } as never },
    })),
  });
}

export function useSubjects(investigationId: string) {
  return useQuery(subjectsQuery(investigationId));
}

export function useCaseAllegations(investigationId: string) {
  return useQuery(caseAllegationsQuery(investigationId));
}

/** After a write to a part of the case: the case's parts, its record, history and the barred list. */
export function useCaseInvalidation(investigationId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['case', investigationId] });
    void queryClient.invalidateQueries({ queryKey: ['investigations', 'detail', investigationId] });
    void queryClient.invalidateQueries({ queryKey: ['history', investigationId] });
    void queryClient.invalidateQueries({ queryKey: ['barred-list'] });
  };
}

export function useAddSubject(investigationId: string) {
  const invalidate = useCaseInvalidation(investigationId);
  return useMutation({
    mutationFn: (body: Schema<'AddSubjectDto'>) =>
      unwrap(api.POST('/api/investigations/{investigationId}/subjects', { params: { path: { investigationId } }, body })),
    onSuccess: invalidate,
  });
}

export function useAddAllegation(investigationId: string) {
  const invalidate = useCaseInvalidation(investigationId);
  return useMutation({
    mutationFn: ({ subjectId, body }: { subjectId: string; body: Schema<'CreateAllegationDto'> }) =>
      unwrap(api.POST('/api/subjects/{subjectId}/allegations', { params: { path: { subjectId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateAllegation(investigationId: string) {
  const invalidate = useCaseInvalidation(investigationId);
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: Schema<'UpdateAllegationDto'> }) =>
      unwrap(api.PATCH('/api/allegations/{id}', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: invalidate,
  });
}

export function useRecordFinding(investigationId: string) {
  const invalidate = useCaseInvalidation(investigationId);
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: Schema<'RecordFindingDto'> }) =>
      unwrap(api.POST('/api/allegations/{id}/finding', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: invalidate,
  });
}

export function fetchAllegation(id: string) {
  return unwrap(api.GET('/api/allegations/{id}', { params: { path: { id } } }));
}

export function useOfficerSearch(q: string) {
  return useQuery({
    queryKey: ['officers', 'search', q],
    enabled: q.length > 0,
    queryFn: ({ signal }) => unwrapPage<Officer>(api.GET('/api/officers', { params: { query: { q, limit: 10 } as never }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateOfficer() {
  return useMutation({
    mutationFn: (body: Schema<'CreateOfficerDto'>) => unwrap(api.POST('/api/officers', { body })),
  });
}
