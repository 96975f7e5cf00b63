import { useMutation } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';
import { useSetSession } from '@/lib/auth';

export type LoginInput = RequestBody<'/api/v1/auth/login/', 'post'>;

export function login(body: LoginInput) {
  return request(api.POST('/api/v1/auth/login/', { body }));
}

export function useLogin() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: login, onSuccess: setSession });
}
