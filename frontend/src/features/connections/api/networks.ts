import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';

export type OAuthProvider = RequestBody<'/api/v1/connections/oauth/start/', 'post'>['provider'];
export type SuggestionField = RequestBody<'/api/v1/connections/{id}/suggestions/apply/', 'post'>['apply'][number];

const connectionsKey = ['connections'] as const;
const activityKey = ['activity'] as const;

/** Leaves the SPA for the network's consent page (a module function so tests can replace it). */
export const browser = {
  redirect(url: string) {
    window.location.assign(url);
  },
};

/** Connect or reconnect (re-consent) LinkedIn or Mastodon: ask for the network's URL, then go there. */
export function useStartOAuth() {
  return useMutation({
    mutationFn: (body: { provider: OAuthProvider; instance?: string; connection_id?: number | null }) =>
      // Only what applies: LinkedIn takes no instance, a reconnect uses the connection's own.
      request(api.POST('/api/v1/connections/oauth/start/', { body })),
    onSuccess: (data) => browser.redirect(data.authorize_url),
  });
}

/** The callback page: hand the network's code and state to the server, which checks and stores. */
export function useCompleteOAuth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { provider: OAuthProvider; code: string; state: string }) =>
      request(api.POST('/api/v1/connections/oauth/callback/', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: connectionsKey });
      await queryClient.invalidateQueries({ queryKey: activityKey });
    },
  });
}

export function useConnectXing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => request(api.POST('/api/v1/connections/', { body: { provider: 'xing', url } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionsKey }),
  });
}

export function useApplySuggestions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, fields }: { id: number; fields: SuggestionField[] }) =>
      request(api.POST('/api/v1/connections/{id}/suggestions/apply/', { params: { path: { id } }, body: { apply: fields } })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
