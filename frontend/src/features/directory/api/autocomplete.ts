import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ResponseBody } from '@/lib/api/types';
import { directoryQueryKey, type Audience } from '@/features/directory/api/search-experts';

export type ExpertAutocomplete = ResponseBody<'/api/v1/public/experts/autocomplete/', 'get'>;

export function autocompleteExperts(audience: Audience, q: string) {
  return audience === 'public'
    ? request(api.GET('/api/v1/public/experts/autocomplete/', { params: { query: { q } } }))
    : request(api.GET('/api/v1/directory/autocomplete/', { params: { query: { q } } }));
}

export const expertAutocompleteQueryOptions = (audience: Audience, q: string) =>
  queryOptions({
    queryKey: [...directoryQueryKey, audience, 'autocomplete', q],
    queryFn: () => autocompleteExperts(audience, q),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });

export function useExpertAutocomplete(audience: Audience, q: string) {
  return useQuery(expertAutocompleteQueryOptions(audience, q));
}
