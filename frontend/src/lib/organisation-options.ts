/** Departments and locations as pick-list options, shared by every form that assigns them. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { MAX_PAGE_SIZE } from '@/config/constants';
import { api, request } from '@/lib/api-client';

/** Prefix of every organisation query; the organisation feature invalidates it after changes. */
export const organisationQueryKey = ['organisation'] as const;

export async function getOrganisationOptions() {
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
  return {
    departments: departments.results.map((department) => ({ value: String(department.id), label: department.name })),
    locations: locations.results.map((location) => ({
      value: String(location.id),
      label: location.city && location.city !== location.name ? `${location.name} (${location.city})` : location.name,
    })),
  };
}

export const organisationOptionsQueryOptions = () =>
  queryOptions({ queryKey: [...organisationQueryKey, 'options'], queryFn: getOrganisationOptions });

export function useOrganisationOptions() {
  return useQuery(organisationOptionsQueryOptions());
}
