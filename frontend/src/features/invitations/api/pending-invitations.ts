import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';

/** Invitations nobody has accepted yet, the ones that expire first at the top. */
export const pendingInvitationsQueryOptions = () =>
  queryOptions({
    queryKey: ['invitations', 'pending', 'start'],
    queryFn: () =>
      request(
        api.GET('/api/v1/users/invitations/', {
          params: { query: { status: 'pending', ordering: 'expires_at', page_size: 3 } },
        }),
      ),
  });

export function usePendingInvitations() {
  return useQuery(pendingInvitationsQueryOptions());
}
