import { queryOptions, useQuery } from '@tanstack/react-query';

import { MAX_PAGE_SIZE } from '@/config/constants';
import { api, request } from '@/lib/api-client';

/** Departments and locations for the manager workspace (managers may not list users). */
export async function getOrganisationOverview() {
  const [departments, locations] = await Promise.all([
    request(
      api.GET('/api/v1/organisation/departments/', {
        params: { query: { page_size: MAX_PAGE_SIZE, ordering: 'name' } },
      }),
    ),
    request(
      api.GET('/api/v1/organisation/locations/', {
        params: { query: { page_size: MAX_PAGE_SIZE, ordering: 'name' } },
      }),
    ),
  ]);
  return { departments, locations };
}

export const organisationOverviewQueryOptions = () =>
  queryOptions({ queryKey: ['home', 'organisation-overview'], queryFn: getOrganisationOverview });

export function useOrganisationOverview() {
  return useQuery(organisationOverviewQueryOptions());
}
