import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';

/** The newest mails the outbox gave up on (its count is how many failed). */
export const failedMailsQueryOptions = () =>
  queryOptions({
    queryKey: ['mail-outbox', 'failed', 'start'],
    queryFn: () => request(api.GET('/api/v1/mail-outbox/', { params: { query: { status: 'failed', page_size: 3 } } })),
  });

export function useFailedMails() {
  return useQuery(failedMailsQueryOptions());
}
