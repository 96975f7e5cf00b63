import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';
import { usersQueryKey } from '@/features/users/api/get-users';

export type UpdateUserInput = RequestBody<'/api/v1/users/{id}/', 'patch'>;

export function updateUser({ id, data }: { id: number; data: UpdateUserInput }) {
  return request(api.PATCH('/api/v1/users/{id}/', { params: { path: { id } }, body: data }));
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
