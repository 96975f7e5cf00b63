import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { api, request } from '@/lib/api-client';
import type { ListItem } from '@/lib/api/types';

export type Invitation = ListItem<'/api/v1/users/invitations/'>;

export const invitationsQueryKey = ['invitations'] as const;

export function getInvitations(page: number) {
  return request(
    api.GET('/api/v1/users/invitations/', { params: { query: { page, page_size: DEFAULT_PAGE_SIZE } } }),
  );
}

export const invitationsQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...invitationsQueryKey, { page }],
    queryFn: () => getInvitations(page),
    placeholderData: keepPreviousData,
  });

export function useInvitations(page: number) {
  return useQuery(invitationsQueryOptions(page));
}
