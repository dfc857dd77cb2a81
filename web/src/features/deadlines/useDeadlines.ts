import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api/client';

export type Deadlines = Schema<'DeadlinesResponse'>;

/** What is due or late, as of today, across the cases the user may see (at most 50 rows per section). */
export function useDeadlines() {
  return useQuery({
    queryKey: ['deadlines'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/reports/deadlines', { params: { query: { limit: 50 } as never }, signal })),
  });
}
