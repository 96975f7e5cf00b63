import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, ResponseBody } from '@/lib/api/types';

export type ConnectionList = ResponseBody<'/api/v1/connections/', 'get'>;
export type Connection = ConnectionList['connections'][number];
export type Provider = ConnectionList['providers'][number];
export type ImportedPost = ListItem<'/api/v1/activity/'>;

const connectionsKey = ['connections'] as const;
const activityKey = ['activity'] as const;

export const connectionsQueryOptions = () =>
  queryOptions({ queryKey: connectionsKey, queryFn: () => request(api.GET('/api/v1/connections/')) });

const HISTORY_POLL_MS = 3000;

/** Polls while a blog's history is being imported, so its progress moves on screen. */
export function useConnections() {
  return useQuery({
    ...connectionsQueryOptions(),
    refetchInterval: (query) =>
      query.state.data?.connections.some((connection) => connection.history.status === 'running') ? HISTORY_POLL_MS : false,
  });
}

export function useConnectBlog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => request(api.POST('/api/v1/connections/', { body: { provider: 'blog', url } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: connectionsKey });
      await queryClient.invalidateQueries({ queryKey: activityKey });
    },
  });
}

export function useSyncConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request(api.POST('/api/v1/connections/{id}/sync/', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: connectionsKey });
      await queryClient.invalidateQueries({ queryKey: activityKey });
    },
  });
}

export function useDisconnect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => requestNoContent(api.DELETE('/api/v1/connections/{id}/', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: connectionsKey });
      await queryClient.invalidateQueries({ queryKey: activityKey });
    },
  });
}

export const activityQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...activityKey, page],
    queryFn: () => request(api.GET('/api/v1/activity/', { params: { query: { page, page_size: 20 } } })),
    placeholderData: keepPreviousData,
  });

export function useActivity(page: number) {
  return useQuery(activityQueryOptions(page));
}

export function useShowOnProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, show }: { id: number; show: boolean }) =>
      request(api.PATCH('/api/v1/activity/{id}/', { params: { path: { id } }, body: { show_on_profile: show } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: activityKey }),
  });
}
