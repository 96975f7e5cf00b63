import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { QueryParams, ResponseBody } from '@/lib/api/types';

/** Colleagues search the internal index, visitors the public one; both answer the same shape. */
export type Audience = 'internal' | 'public';
export type ExpertSearchQuery = QueryParams<'/api/v1/public/experts/'>;
export type ExpertSearchResult = ResponseBody<'/api/v1/public/experts/', 'get'>;
export type FacetName = keyof ExpertSearchResult['facets'];

export const directoryQueryKey = ['directory'] as const;

export function searchExperts(audience: Audience, query: ExpertSearchQuery) {
  return audience === 'public'
    ? request(api.GET('/api/v1/public/experts/', { params: { query } }))
    : request(api.GET('/api/v1/directory/experts/', { params: { query } }));
}

export const expertSearchQueryOptions = (audience: Audience, query: ExpertSearchQuery) =>
  queryOptions({
    queryKey: [...directoryQueryKey, audience, 'search', query],
    queryFn: () => searchExperts(audience, query),
    placeholderData: keepPreviousData,
  });

export function useExpertSearch(audience: Audience, query: ExpertSearchQuery) {
  return useQuery(expertSearchQueryOptions(audience, query));
}
