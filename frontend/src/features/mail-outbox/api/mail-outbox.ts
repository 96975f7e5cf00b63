import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ListItem } from '@/lib/api/types';

export type OutboxMail = ListItem<'/api/v1/mail-outbox/'>;
export type OutboxStatus = OutboxMail['status'];
export type OutboxQuery = { page: number; status?: OutboxStatus };

export const OUTBOX_STATUSES: OutboxStatus[] = ['failed', 'pending', 'sending', 'sent'];

const outboxQueryKey = ['mail-outbox'] as const;

export const outboxQueryOptions = (query: OutboxQuery) =>
  queryOptions({
    queryKey: [...outboxQueryKey, query],
    queryFn: () => request(api.GET('/api/v1/mail-outbox/', { params: { query: { ...query, page_size: 25 } } })),
    placeholderData: keepPreviousData,
  });

export function useOutboxMails(query: OutboxQuery) {
  return useQuery(outboxQueryOptions(query));
}

export function resendOutboxMail(id: number) {
  return request(api.POST('/api/v1/mail-outbox/{mail_id}/resend/', { params: { path: { mail_id: id } } }));
}

export function useResendOutboxMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendOutboxMail,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: outboxQueryKey }),
  });
}
