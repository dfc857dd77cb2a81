import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api/client';

export type AuditEvent = Schema<'AuditEventResponse'>;

export function useInvestigationHistory(investigationId: string, limit: number, offset: number) {
  return useQuery({
    queryKey: ['history', investigationId, limit, offset],
    queryFn: ({ signal }) => unwrap(api.GET('/api/investigations/{id}/history', {
      params: { path: { id: investigationId }, query: { limit, offset } }, signal,
    })),
    placeholderData: keepPreviousData,
  });
}
