import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';

/** What the login page offers: password login, and single sign-on when the company configured it. */
export const authConfigQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'config'],
    queryFn: () => request(api.GET('/api/v1/auth/config/')),
    staleTime: 60 * 60_000,
  });

export function useAuthConfig() {
  return useQuery(authConfigQueryOptions());
}
