import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ListItem, QueryParams, ResponseBody } from '@/lib/api/types';

export type ContactRequest = ListItem<'/api/v1/contact-requests/'>;
export type ContactStatus = ContactRequest['status'];
export type InboxQuery = QueryParams<'/api/v1/contact-requests/'>;
export type ExpertSuggestion = ResponseBody<'/api/v1/directory/autocomplete/', 'get'>['experts'][number];

export const inboxQueryKey = ['contact-requests'] as const;

export function getInbox(query: InboxQuery) {
  return request(api.GET('/api/v1/contact-requests/', { params: { query } }));
}

export const inboxQueryOptions = (query: InboxQuery) =>
  queryOptions({ queryKey: [...inboxQueryKey, 'inbox', query], queryFn: () => getInbox(query), placeholderData: keepPreviousData });

export function useInbox(query: InboxQuery, enabled = true) {
  return useQuery({ ...inboxQueryOptions(query), enabled });
}

export function getTriage(query: InboxQuery) {
  return request(api.GET('/api/v1/contact-requests/triage/', { params: { query } }));
}

export const triageQueryOptions = (query: InboxQuery) =>
  queryOptions({ queryKey: [...inboxQueryKey, 'triage', query], queryFn: () => getTriage(query), placeholderData: keepPreviousData });

export function useTriage(query: InboxQuery, enabled: boolean) {
  return useQuery({ ...triageQueryOptions(query), enabled });
}

export function answerRequest({ id, reply }: { id: string; reply: string }) {
  return request(api.POST('/api/v1/contact-requests/{id}/answer/', { params: { path: { id } }, body: { reply } }));
}

export function closeRequest(id: string) {
  return request(api.POST('/api/v1/contact-requests/{id}/close/', { params: { path: { id } } }));
}

export function assignRequest({ id, expert }: { id: string; expert: string }) {
  return request(api.POST('/api/v1/contact-requests/{id}/assign/', { params: { path: { id } }, body: { expert } }));
}

function useInboxMutation<TInput>(mutationFn: (input: TInput) => Promise<ContactRequest>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxQueryKey }) });
}

export const useAnswerRequest = () => useInboxMutation(answerRequest);
export const useCloseRequest = () => useInboxMutation(closeRequest);
export const useAssignRequest = () => useInboxMutation(assignRequest);

/** The expert picker for triage searches the internal directory. */
export function suggestExperts(q: string) {
  return request(api.GET('/api/v1/directory/autocomplete/', { params: { query: { q } } }));
}

export function useExpertSuggestions(q: string) {
  return useQuery({
    queryKey: ['directory', 'internal', 'autocomplete', q],
    queryFn: () => suggestExperts(q),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}
