import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapPage, type Schema } from '../../api/client';
import type { operations } from '../../api/schema';
import type { InvestigationStatus } from './labels';

export type InvestigationSummary = Schema<'InvestigationResponse'>;

export interface CaseListFilters {
  q?: string;
  status?: InvestigationStatus;
  station?: string;
  operation?: string;
  openedFrom?: string;
  openedTo?: string;
  sort: string;
  limit: number;
  offset: number;
}

type ListQuery = operations['InvestigationsController_list']['parameters']['query'];

export const investigationKeys = {
  all: ['investigations'] as const,
  list: (filters: CaseListFilters) => ['investigations', 'list', filters] as const,
  detail: (id: string) => ['investigations', 'detail', id] as const,
  byReference: (reference: string) => ['investigations', 'by-reference', reference] as const,
};

const PAGE_SIZE = 20;

/** The list's filters, sort and page as the address gives them. */
export function caseListFilters(params: URLSearchParams): CaseListFilters {
  return {
    q: params.get('q') || undefined,
    status: (params.get('status') || undefined) as InvestigationStatus | undefined,
    station: params.get('station') || undefined,
    operation: params.get('operation') || undefined,
    openedFrom: params.get('openedFrom') || undefined,
    openedTo: params.get('openedTo') || undefined,
    sort: params.get('sort') || '-openedOn',
    limit: PAGE_SIZE,
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
}

/** One page of the cases the user may see, filtered, sorted and paged by the server. */
export function investigationListQuery(filters: CaseListFilters) {
  return queryOptions({
    queryKey: investigationKeys.list(filters),
    queryFn: ({ signal }) => {
      const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as unknown as ListQuery;
      return unwrapPage<InvestigationSummary>(api.GET('/api/investigations', { params: { query }, signal }));
    },
  });
}

export function useInvestigationList(filters: CaseListFilters) {
  return useQuery({ ...investigationListQuery(filters), placeholderData: keepPreviousData });
}
