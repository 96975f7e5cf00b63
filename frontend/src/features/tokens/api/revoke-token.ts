import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, requestNoContent } from '@/lib/api-client';
import { tokensQueryKey } from '@/features/tokens/api/get-tokens';

/** Revokes by the token's public prefix (`token_key`, also its `id`). */
export function revokeToken(tokenKey: string) {
  return requestNoContent(
    api.DELETE('/api/v1/auth/tokens/{token_key}/', { params: { path: { token_key: tokenKey } } }),
  );
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}
