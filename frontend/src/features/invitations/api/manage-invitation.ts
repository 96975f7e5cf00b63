import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';
import { invitationsQueryKey } from '@/features/invitations/api/get-invitations';

export type CreateInvitationInput = RequestBody<'/api/v1/users/invitations/', 'post'>;

export function createInvitation(body: CreateInvitationInput) {
  return request(api.POST('/api/v1/users/invitations/', { body }));
}

export function resendInvitation(id: number) {
  return request(api.POST('/api/v1/users/invitations/{id}/resend/', { params: { path: { id } } }));
}

export function revokeInvitation(id: number) {
  return requestNoContent(api.DELETE('/api/v1/users/invitations/{id}/', { params: { path: { id } } }));
}

function useInvalidatingMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}

export const useCreateInvitation = () => useInvalidatingMutation(createInvitation);
export const useResendInvitation = () => useInvalidatingMutation(resendInvitation);
export const useRevokeInvitation = () => useInvalidatingMutation(revokeInvitation);
