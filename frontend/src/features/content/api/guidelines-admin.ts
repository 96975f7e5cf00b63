import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody, ResponseBody } from '@/lib/api/types';

export type Guideline = ResponseBody<'/api/v1/guidelines/', 'get'>[number];
export type GuidelineInput = RequestBody<'/api/v1/guidelines/', 'post'>;

const guidelinesKey = ['guidelines'] as const;

export function useGuidelineVersions() {
  return useQuery({ queryKey: [...guidelinesKey, 'versions'], queryFn: () => request(api.GET('/api/v1/guidelines/')) });
}

export function useSaveGuideline(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GuidelineInput) =>
      id === null
        ? request(api.POST('/api/v1/guidelines/', { body }))
        : request(api.PATCH('/api/v1/guidelines/{id}/', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: guidelinesKey }),
  });
}

export function usePublishGuideline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request(api.POST('/api/v1/guidelines/{id}/publish/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: guidelinesKey }),
  });
}
