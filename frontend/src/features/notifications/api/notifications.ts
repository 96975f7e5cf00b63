import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ListItem, ResponseBody } from '@/lib/api/types';

export type Notification = ListItem<'/api/v1/notifications/'>;
export type DigestFrequency = ResponseBody<'/api/v1/notifications/preference/', 'get'>['digest'];
export const DIGEST_FREQUENCIES: DigestFrequency[] = ['daily', 'weekly', 'off'];

const notificationsKey = ['notifications'] as const;
const UNREAD_POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsKey, 'unread'],
    queryFn: () => request(api.GET('/api/v1/notifications/unread/')),
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useNotifications(page: number) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', page],
    queryFn: () => request(api.GET('/api/v1/notifications/', { params: { query: { page } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => request(api.POST('/api/v1/notifications/read/', { body: ids ? { ids } : {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useDigestPreference() {
  return useQuery({
    queryKey: [...notificationsKey, 'preference'],
    queryFn: () => request(api.GET('/api/v1/notifications/preference/')),
  });
}

export function useSetDigestPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (digest: DigestFrequency) => request(api.PUT('/api/v1/notifications/preference/', { body: { digest } })),
    onSuccess: (data) => queryClient.setQueryData([...notificationsKey, 'preference'], data),
  });
}
