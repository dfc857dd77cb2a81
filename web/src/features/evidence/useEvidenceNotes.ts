import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchAllPages, unwrap, type Schema } from '../../api/client';

export type EvidenceNote = Schema<'EvidenceNoteResponse'>;

const key = (investigationId: string) => ['evidence-notes', investigationId] as const;

export function useEvidenceNotes(investigationId: string) {
  return useQuery({
    queryKey: key(investigationId),
    queryFn: () => fetchAllPages<EvidenceNote>((limit, offset) => api.GET('/api/investigations/{id}/evidence-notes', {
      params: { path: { id: investigationId }, query: { limit, offset } },
    })),
  });
}

export function useAddEvidenceNote(investigationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'AddEvidenceNoteDto'>) =>
      unwrap(api.POST('/api/investigations/{id}/evidence-notes', { params: { path: { id: investigationId } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key(investigationId) });
      void queryClient.invalidateQueries({ queryKey: ['history', investigationId] });
    },
  });
}
