import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';

export type AdminOverview = {
  users: number;
  activeUsers: number;
  pendingInvitations: number;
  departments: number;
  locations: number;
};

/** Figures for the admin home; each comes from the `count` of a one-item page. */
export async function getAdminOverview(): Promise<AdminOverview> {
  const [users, activeUsers, invitations, departments, locations] = await Promise.all([
    request(api.GET('/api/v1/users/', { params: { query: { page_size: 1 } } })),
    request(api.GET('/api/v1/users/', { params: { query: { page_size: 1, is_active: true } } })),
    request(api.GET('/api/v1/users/invitations/', { params: { query: { status: 'pending', page_size: 100 } } })),
    request(api.GET('/api/v1/organisation/departments/', { params: { query: { page_size: 1 } } })),
    request(api.GET('/api/v1/organisation/locations/', { params: { query: { page_size: 1 } } })),
  ]);
  // Count pending ones on the page when it holds everything, in case the filter is ignored.
  const pendingInvitations =
    invitations.next === null
      ? invitations.results.filter((invitation) => invitation.status === 'pending').length
      : invitations.count;
  return {
    users: users.count,
    activeUsers: activeUsers.count,
    pendingInvitations,
    departments: departments.count,
    locations: locations.count,
  };
}

export const adminOverviewQueryOptions = () =>
  queryOptions({ queryKey: ['home', 'admin-overview'], queryFn: getAdminOverview });

export function useAdminOverview() {
  return useQuery(adminOverviewQueryOptions());
}
