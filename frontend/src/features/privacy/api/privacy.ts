import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { RequestBody, ResponseBody } from '@/lib/api/types';
import { meQueryKey } from '@/lib/react-query';

export type Consent = ResponseBody<'/api/v1/privacy/consents/', 'get'>[number];
export type ConsentInput = RequestBody<'/api/v1/privacy/consents/', 'post'>;

/** The ZIP download is a plain link: the browser sends the session cookie with the GET. */
export const EXPORT_URL = '/api/v1/privacy/export/';

const consentsQueryKey = ['privacy', 'consents'] as const;

export const consentsQueryOptions = () =>
  queryOptions({ queryKey: consentsQueryKey, queryFn: () => request(api.GET('/api/v1/privacy/consents/')) });

export function useConsents() {
  return useQuery(consentsQueryOptions());
}

export function useSetConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentInput) => request(api.POST('/api/v1/privacy/consents/', { body })),
    onSuccess: (consents) => queryClient.setQueryData(consentsQueryKey, consents),
  });
}

/** Erases the signed-in person; the server ends the session, so the app forgets the user too. */
export function useEraseMyAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmEmail: string) =>
      requestNoContent(api.POST('/api/v1/privacy/erase/', { body: { confirm_email: confirmEmail } })),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
