import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, RequestBody } from '@/lib/api/types';

export type ScimToken = ListItem<'/api/v1/scim-tokens/'>;
export type CreateScimTokenInput = RequestBody<'/api/v1/scim-tokens/', 'post'>;

const scimTokensQueryKey = ['scim-tokens'] as const;

export const scimTokensQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...scimTokensQueryKey, { page }],
    queryFn: () =>
      request(api.GET('/api/v1/scim-tokens/', { params: { query: { page, page_size: DEFAULT_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

export function useScimTokens(page: number) {
  return useQuery(scimTokensQueryOptions(page));
}

export function useCreateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScimTokenInput) => request(api.POST('/api/v1/scim-tokens/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQueryKey }),
  });
}

export function useRevokeScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      requestNoContent(api.DELETE('/api/v1/scim-tokens/{id}/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQueryKey }),
  });
}
