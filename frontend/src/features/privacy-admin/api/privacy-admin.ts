import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { RequestBody, ResponseBody } from '@/lib/api/types';

export type PrivacyLookup = ResponseBody<'/api/v1/privacy/lookup/', 'post'>;
export type RetentionRule = ResponseBody<'/api/v1/privacy/retention/', 'get'>[number];
export type RetentionUpdate = RequestBody<'/api/v1/privacy/retention/', 'put'>;
export type OrganisationPrivacy = ResponseBody<'/api/v1/organisation/privacy/', 'get'>;
export type OrganisationPrivacyUpdate = RequestBody<'/api/v1/organisation/privacy/', 'put'>;

/** An admin's download of everything about an account: a plain link, the session cookie goes with the GET. */
export const userExportUrl = (userId: number) => `/api/v1/privacy/users/${userId}/export/`;

export function useLookup() {
  return useMutation({
    mutationFn: (email: string) => request(api.POST('/api/v1/privacy/lookup/', { body: { email } })),
  });
}

export function useEraseUser() {
  return useMutation({
    mutationFn: ({ id, confirmEmail }: { id: number; confirmEmail: string }) =>
      requestNoContent(
        api.POST('/api/v1/privacy/users/{id}/erase/', {
          params: { path: { id } },
          body: { confirm_email: confirmEmail },
        }),
      ),
  });
}

export function useLegalHold() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      requestNoContent(
        api.PUT('/api/v1/privacy/users/{id}/legal-hold/', { params: { path: { id } }, body: { reason } }),
      ),
  });
}

/** The visitor's address travels in the body (never in a URL); the ZIP comes back as a blob to save. */
export function useVisitorExport() {
  return useMutation({
    mutationFn: async (email: string) => {
      const blob = await request(api.POST('/api/v1/privacy/visitors/export/', { body: { email }, parseAs: 'blob' }));
      saveBlob(blob, 'sichtbar-visitor-data.zip');
    },
  });
}

function saveBlob(blob: Blob, name: string) {
  if (typeof URL.createObjectURL !== 'function') return; // not in every test environment
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
  URL.revokeObjectURL(href);
}

export function useEraseVisitor() {
  return useMutation({
    mutationFn: ({ email, confirmEmail }: { email: string; confirmEmail: string }) =>
      request(api.POST('/api/v1/privacy/visitors/erase/', { body: { email, confirm_email: confirmEmail } })),
  });
}

const retentionQueryKey = ['privacy', 'retention'] as const;

export const retentionQueryOptions = () =>
  queryOptions({ queryKey: retentionQueryKey, queryFn: () => request(api.GET('/api/v1/privacy/retention/')) });

export function useRetentionRules() {
  return useQuery(retentionQueryOptions());
}

export function useUpdateRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionUpdate) => request(api.PUT('/api/v1/privacy/retention/', { body })),
    onSuccess: (rules) => queryClient.setQueryData(retentionQueryKey, rules),
  });
}

const organisationPrivacyKey = ['organisation', 'privacy'] as const;

export function useOrganisationPrivacy() {
  return useQuery({
    queryKey: organisationPrivacyKey,
    queryFn: () => request(api.GET('/api/v1/organisation/privacy/')),
  });
}

/** Works-council mode is read by the dashboard too: its cached settings are refreshed after a change. */
export function useUpdateOrganisationPrivacy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationPrivacyUpdate) => request(api.PUT('/api/v1/organisation/privacy/', { body })),
    onSuccess: (settings) => {
      queryClient.setQueryData(organisationPrivacyKey, settings);
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
