import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ResponseBody } from '@/lib/api/types';

export type GuidelineCurrent = ResponseBody<'/api/v1/guidelines/current/', 'get'>;

const guidelinesKey = ['guidelines'] as const;

export const currentGuidelineQueryOptions = () =>
  queryOptions({ queryKey: [...guidelinesKey, 'current'], queryFn: () => request(api.GET('/api/v1/guidelines/current/')) });

export function useCurrentGuideline() {
  return useQuery(currentGuidelineQueryOptions());
}

export function useAcceptGuideline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: number) =>
      request(api.POST('/api/v1/guidelines/current/accept/', { body: { version_id: versionId } })),
    onSuccess: (data) => queryClient.setQueryData(currentGuidelineQueryOptions().queryKey, data),
  });
}
