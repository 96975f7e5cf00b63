import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { api, request } from '@/lib/api-client';
import type { ListItem } from '@/lib/api/types';

export type ApiToken = ListItem<'/api/v1/auth/tokens/'>;

export const tokensQueryKey = ['tokens'] as const;

export function getTokens(page: number) {
  return request(api.GET('/api/v1/auth/tokens/', { params: { query: { page, page_size: DEFAULT_PAGE_SIZE } } }));
}

export const tokensQueryOptions = (page: number) =>
  queryOptions({ queryKey: [...tokensQueryKey, { page }], queryFn: () => getTokens(page), placeholderData: keepPreviousData });

export function useTokens(page: number) {
  return useQuery(tokensQueryOptions(page));
}
