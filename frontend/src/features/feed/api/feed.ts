import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, RequestBody, ResponseBody } from '@/lib/api/types';

export type FeedPage = ResponseBody<'/api/v1/feed/', 'get'>;
export type FeedItem = FeedPage['results'][number];
export type FeedReason = FeedItem['reasons'][number];
export type ShareCompose = ResponseBody<'/api/v1/shares/compose/{content_id}/', 'get'>;
export type NetworkOption = ShareCompose['networks'][number];
export type Network = NetworkOption['network'];
export type TextCheck = ResponseBody<'/api/v1/shares/check/', 'post'>;
export type ShareInput = RequestBody<'/api/v1/shares/', 'post'>;
export type ShareCreated = ResponseBody<'/api/v1/shares/', 'post', 201>;
export type Share = ListItem<'/api/v1/shares/'>;
export type LinkStats = ResponseBody<'/api/v1/links/{id}/stats/', 'get'>;
export type DismissReason = NonNullable<RequestBody<'/api/v1/feed/{content_id}/dismiss/', 'post'>['reason']>;

const feedKey = ['feed'] as const;
const sharesKey = ['shares'] as const;

export const FEED_PAGE_SIZE = 12;

export const feedQueryOptions = (limit: number) =>
  queryOptions({
    queryKey: [...feedKey, limit],
    queryFn: () => request(api.GET('/api/v1/feed/', { params: { query: { limit, offset: 0 } } })),
    placeholderData: keepPreviousData,
  });

export function useFeed(limit: number) {
  return useQuery(feedQueryOptions(limit));
}

export function useDismiss() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contentId, reason, topic }: { contentId: number; reason: DismissReason; topic?: number }) =>
      request(
        api.POST('/api/v1/feed/{content_id}/dismiss/', {
          params: { path: { content_id: contentId } },
          body: { reason, topic: topic ?? null },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useUndismiss() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contentId: number) =>
      requestNoContent(api.DELETE('/api/v1/feed/{content_id}/dismiss/', { params: { path: { content_id: contentId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

export const composeQueryOptions = (contentId: number) =>
  queryOptions({
    queryKey: ['share-compose', contentId],
    queryFn: () =>
      request(api.GET('/api/v1/shares/compose/{content_id}/', { params: { path: { content_id: contentId } } })),
  });

export function useShareCompose(contentId: number) {
  return useQuery(composeQueryOptions(contentId));
}

export function useTextCheck(network: Network, text: string) {
  return useQuery({
    queryKey: ['share-check', network, text],
    queryFn: () => request(api.POST('/api/v1/shares/check/', { body: { network, text } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareInput) => request(api.POST('/api/v1/shares/', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sharesKey });
      await queryClient.invalidateQueries({ queryKey: feedKey });
    },
  });
}

export const sharesQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...sharesKey, page],
    queryFn: () => request(api.GET('/api/v1/shares/', { params: { query: { page, page_size: 20 } } })),
    placeholderData: keepPreviousData,
    // Queued posts change status within seconds: poll while one is on its way.
    refetchInterval: (query) =>
      query.state.data?.results.some((share) => share.status === 'queued') ? 3000 : false,
  });

export function useMyShares(page: number) {
  return useQuery(sharesQueryOptions(page));
}

export function useCancelShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request(api.POST('/api/v1/shares/{id}/cancel/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharesKey }),
  });
}

export function useCurrentGuideline(enabled: boolean) {
  return useQuery({
    queryKey: ['guideline-current'],
    queryFn: () => request(api.GET('/api/v1/guidelines/current/')),
    enabled,
  });
}

export function useAcceptGuideline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: number) =>
      request(api.POST('/api/v1/guidelines/current/accept/', { body: { version_id: versionId } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['guideline-current'] });
      await queryClient.invalidateQueries({ queryKey: ['share-compose'] });
    },
  });
}

/** One tracked link's own figures (clicks, visitors, conversions, by day, referrers, devices). */
export function useLinkStats(id: number) {
  return useQuery({
    queryKey: ['link-stats', id],
    queryFn: () => request(api.GET('/api/v1/links/{id}/stats/', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}
