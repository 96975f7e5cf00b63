import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ListItem, QueryParams } from '@/lib/api/types';

export type User = ListItem<'/api/v1/users/'>;
export type UsersQuery = QueryParams<'/api/v1/users/'>;

export const usersQueryKey = ['users'] as const;

export function getUsers(query: UsersQuery) {
  return request(api.GET('/api/v1/users/', { params: { query } }));
}

export const usersQueryOptions = (query: UsersQuery) =>
  queryOptions({ queryKey: [...usersQueryKey, query], queryFn: () => getUsers(query), placeholderData: keepPreviousData });

export function useUsers(query: UsersQuery) {
  return useQuery(usersQueryOptions(query));
}
