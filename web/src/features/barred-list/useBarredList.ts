import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrapPage, type Schema } from '../../api/client';

export type BarredEntry = Schema<'BarredListEntryResponse'>;

export function useBarredList(query: { q?: string; includeRemoved?: boolean; limit: number; offset: number }) {
  return useQuery({
    queryKey: ['barred-list', query],
    queryFn: ({ signal }) => unwrapPage<BarredEntry>(api.GET('/api/barred-list', { params: { query: query as never }, signal })),
    placeholderData: keepPreviousData,
  });
}
