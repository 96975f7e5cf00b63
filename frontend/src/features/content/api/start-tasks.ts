import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';

/** The first page of the review queue (its count is what waits). */
export const reviewWaitingQueryOptions = () =>
  queryOptions({
    queryKey: ['content', 'review-queue', 'start'],
    queryFn: () => request(api.GET('/api/v1/content/review-queue/', { params: { query: { page: 1, page_size: 3 } } })),
  });

export function useReviewWaiting() {
  return useQuery(reviewWaitingQueryOptions());
}

/** Company content sources whose last import failed. */
export function useFailingSources(enabled = true) {
  return useQuery({
    queryKey: ['content', 'sources', 'failing'],
    queryFn: async () => (await request(api.GET('/api/v1/content/sources/'))).filter((source) => source.is_active && source.last_error),
    enabled,
  });
}
