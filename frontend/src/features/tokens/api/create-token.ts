import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';
import { tokensQueryKey } from '@/features/tokens/api/get-tokens';

export type CreateTokenInput = RequestBody<'/api/v1/auth/tokens/', 'post'>;

export function createToken(body: CreateTokenInput) {
  return request(api.POST('/api/v1/auth/tokens/', { body }));
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
