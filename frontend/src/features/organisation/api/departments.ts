import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, RequestBody } from '@/lib/api/types';
import { organisationQueryKey } from '@/lib/organisation-options';

export type Department = ListItem<'/api/v1/organisation/departments/'>;
export type DepartmentInput = RequestBody<'/api/v1/organisation/departments/', 'post'>;

export function getDepartments(page: number) {
  return request(
    api.GET('/api/v1/organisation/departments/', {
      params: { query: { page, page_size: DEFAULT_PAGE_SIZE, ordering: 'name' } },
    }),
  );
}

export const departmentsQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...organisationQueryKey, 'departments', { page }],
    queryFn: () => getDepartments(page),
    placeholderData: keepPreviousData,
  });

export function useDepartments(page: number) {
  return useQuery(departmentsQueryOptions(page));
}

export function createDepartment(body: DepartmentInput) {
  return request(api.POST('/api/v1/organisation/departments/', { body }));
}

export function renameDepartment({ id, name }: { id: number; name: string }) {
  return request(api.PATCH('/api/v1/organisation/departments/{id}/', { params: { path: { id } }, body: { name } }));
}

export function deleteDepartment(id: number) {
  return requestNoContent(api.DELETE('/api/v1/organisation/departments/{id}/', { params: { path: { id } } }));
}

function useOrganisationMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueryKey }),
  });
}

export const useCreateDepartment = () => useOrganisationMutation(createDepartment);
export const useRenameDepartment = () => useOrganisationMutation(renameDepartment);
export const useDeleteDepartment = () => useOrganisationMutation(deleteDepartment);
export { useOrganisationMutation };
