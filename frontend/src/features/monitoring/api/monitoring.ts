import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, QueryParams, RequestBody, ResponseBody } from '@/lib/api/types';

export type Mention = ListItem<'/api/v1/monitoring/mentions/'>;
export type MentionSummary = ResponseBody<'/api/v1/monitoring/mentions/summary/', 'get'>;
export type MentionFilters = Omit<QueryParams<'/api/v1/monitoring/mentions/'>, 'page' | 'page_size'>;
export type MonitoringFeed = ResponseBody<'/api/v1/monitoring/feeds/', 'get'>[number];
export type MonitoredTerm = ResponseBody<'/api/v1/monitoring/terms/', 'get'>[number];
export type FeedInput = RequestBody<'/api/v1/monitoring/feeds/', 'post'>;
export type TermInput = RequestBody<'/api/v1/monitoring/terms/', 'post'>;

export const MENTIONS_PAGE_SIZE = 20;

const mentionsKey = ['monitoring', 'mentions'] as const;
const feedsKey = ['monitoring', 'feeds'] as const;
const termsKey = ['monitoring', 'terms'] as const;

/** Only the filters that are set: empty strings never reach the API. */
export function cleanFilters(filters: MentionFilters): MentionFilters {
  const entries = Object.entries(filters) as [string, unknown][];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== ''));
}

export const mentionsQueryOptions = (filters: MentionFilters, page: number) =>
  queryOptions({
    queryKey: [...mentionsKey, 'list', cleanFilters(filters), page],
    queryFn: () =>
      request(
        api.GET('/api/v1/monitoring/mentions/', {
          params: { query: { ...cleanFilters(filters), page, page_size: MENTIONS_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export function useMentions(filters: MentionFilters, page: number) {
  return useQuery(mentionsQueryOptions(filters, page));
}

export const mentionSummaryQueryOptions = (filters: MentionFilters) =>
  queryOptions({
    queryKey: [...mentionsKey, 'summary', cleanFilters(filters)],
    queryFn: () => request(api.GET('/api/v1/monitoring/mentions/summary/', { params: { query: cleanFilters(filters) } })),
    placeholderData: keepPreviousData,
  });

export function useMentionSummary(filters: MentionFilters) {
  return useQuery(mentionSummaryQueryOptions(filters));
}

/** The CSV export is a plain link with the same filters; the browser sends the session cookie. */
export function mentionsExportUrl(filters: MentionFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(cleanFilters(filters))) params.set(key, String(value));
  const suffix = params.toString();
  return `/api/v1/monitoring/mentions/export/${suffix ? `?${suffix}` : ''}`;
}

// ---- settings (managers) ----

export const feedsQueryOptions = () =>
  queryOptions({ queryKey: feedsKey, queryFn: () => request(api.GET('/api/v1/monitoring/feeds/')) });

export function useFeeds() {
  return useQuery(feedsQueryOptions());
}

export const termsQueryOptions = () =>
  queryOptions({ queryKey: termsKey, queryFn: () => request(api.GET('/api/v1/monitoring/terms/')) });

export function useTerms() {
  return useQuery(termsQueryOptions());
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  };
}

export function useCreateFeed() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: FeedInput) => request(api.POST('/api/v1/monitoring/feeds/', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateFeed() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; active?: boolean; name?: string }) =>
      request(api.PATCH('/api/v1/monitoring/feeds/{id}/', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteFeed() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => requestNoContent(api.DELETE('/api/v1/monitoring/feeds/{id}/', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useFetchFeed() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => request(api.POST('/api/v1/monitoring/feeds/{id}/fetch/', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useCreateTerm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TermInput) => request(api.POST('/api/v1/monitoring/terms/', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateTerm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; active?: boolean }) =>
      request(api.PATCH('/api/v1/monitoring/terms/{id}/', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteTerm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => requestNoContent(api.DELETE('/api/v1/monitoring/terms/{id}/', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
