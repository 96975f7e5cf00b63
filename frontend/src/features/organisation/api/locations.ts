import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, RequestBody } from '@/lib/api/types';
import { organisationQueryKey } from '@/lib/organisation-options';
import { useOrganisationMutation } from '@/features/organisation/api/departments';

export type Location = ListItem<'/api/v1/organisation/locations/'>;
export type LocationInput = RequestBody<'/api/v1/organisation/locations/', 'post'>;
export type LocationUpdate = RequestBody<'/api/v1/organisation/locations/{id}/', 'patch'>;

export function getLocations(page: number) {
  return request(
    api.GET('/api/v1/organisation/locations/', {
      params: { query: { page, page_size: DEFAULT_PAGE_SIZE, ordering: 'name' } },
    }),
  );
}

export const locationsQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...organisationQueryKey, 'locations', { page }],
    queryFn: () => getLocations(page),
    placeholderData: keepPreviousData,
  });

export function useLocations(page: number) {
  return useQuery(locationsQueryOptions(page));
}

export function createLocation(body: LocationInput) {
  return request(api.POST('/api/v1/organisation/locations/', { body }));
}

export function updateLocation({ id, data }: { id: number; data: LocationUpdate }) {
  return request(api.PATCH('/api/v1/organisation/locations/{id}/', { params: { path: { id } }, body: data }));
}

export function deleteLocation(id: number) {
  return requestNoContent(api.DELETE('/api/v1/organisation/locations/{id}/', { params: { path: { id } } }));
}

export const useCreateLocation = () => useOrganisationMutation(createLocation);
export const useUpdateLocation = () => useOrganisationMutation(updateLocation);
export const useDeleteLocation = () => useOrganisationMutation(deleteLocation);
