import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';
import { useSetSession } from '@/lib/auth';

export function getInvitation(token: string) {
  return request(api.GET('/api/v1/auth/invitations/{token}/', { params: { path: { token } } }));
}

export const invitationQueryOptions = (token: string) =>
  queryOptions({ queryKey: ['auth', 'invitation', token], queryFn: () => getInvitation(token), staleTime: Infinity });

export function useInvitation(token: string) {
  return useQuery(invitationQueryOptions(token));
}

export type AcceptInvitationInput = RequestBody<'/api/v1/auth/invitations/accept/', 'post'>;

export function acceptInvitation(body: AcceptInvitationInput) {
  return request(api.POST('/api/v1/auth/invitations/accept/', { body }));
}

export function useAcceptInvitation() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: acceptInvitation, onSuccess: setSession });
}
