import { useMutation } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';

export type PasswordResetInput = RequestBody<'/api/v1/auth/password-reset/', 'post'>;
export type PasswordResetConfirmInput = RequestBody<'/api/v1/auth/password-reset/confirm/', 'post'>;

export function requestPasswordReset(body: PasswordResetInput) {
  return request(api.POST('/api/v1/auth/password-reset/', { body }));
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export function confirmPasswordReset(body: PasswordResetConfirmInput) {
  return requestNoContent(api.POST('/api/v1/auth/password-reset/confirm/', { body }));
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
