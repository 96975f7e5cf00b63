import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, readCookie, request } from '@/lib/api-client';
import { apiErrorFromBody, networkError } from '@/lib/api-error';
import type { ListItem, ResponseBody } from '@/lib/api/types';
import { currentLanguage } from '@/lib/i18n';

export type ImportedPost = ListItem<'/api/v1/activity/'>;
export type ArchiveImport = ResponseBody<'/api/v1/activity/linkedin-archive/', 'post', 201>;
export type SkillSuggestion = ResponseBody<'/api/v1/profile/skill-suggestions/', 'get'>[number];

export const PAGE_SIZE = 20;
const activityKey = ['activity'] as const;
const suggestionsKey = ['profile', 'skill-suggestions'] as const;

export const myActivityQueryOptions = (page: number) =>
  queryOptions({
    queryKey: [...activityKey, page],
    queryFn: () => request(api.GET('/api/v1/activity/', { params: { query: { page, page_size: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

export function useMyActivity(page: number) {
  return useQuery(myActivityQueryOptions(page));
}

export function useShowPostOnProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, show }: { id: number; show: boolean }) =>
      request(api.PATCH('/api/v1/activity/{id}/', { params: { path: { id } }, body: { show_on_profile: show } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: activityKey }),
  });
}

async function csrfToken(): Promise<string> {
  const cookie = readCookie('csrftoken');
  if (cookie) return cookie;
  return (await request(api.GET('/api/v1/auth/csrf/'))).csrf_token;
}

/**
 * Uploads the ZIP with XMLHttpRequest: fetch cannot report upload progress. Errors become the same
 * ApiError every other request throws.
 */
export async function uploadLinkedInArchive(file: File, onProgress: (fraction: number) => void): Promise<ArchiveImport> {
  const token = await csrfToken();
  const body = new FormData();
  body.append('file', file);
  return new Promise<ArchiveImport>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${window.location.origin}/api/v1/activity/linkedin-archive/`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('X-CSRFToken', token);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as ArchiveImport);
      else reject(apiErrorFromBody(xhr.status, parsed));
    });
    xhr.addEventListener('error', () => reject(networkError(new Error('upload failed'))));
    xhr.addEventListener('abort', () => reject(networkError(new Error('upload aborted'))));
    xhr.send(body);
  });
}

export function useUploadLinkedInArchive(onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadLinkedInArchive(file, onProgress),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: activityKey });
      await queryClient.invalidateQueries({ queryKey: ['connections'] });
      // The suggestions are recomputed by a worker shortly after the import.
      await queryClient.invalidateQueries({ queryKey: suggestionsKey });
    },
  });
}

export const skillSuggestionsQueryOptions = () =>
  queryOptions({
    queryKey: suggestionsKey,
    queryFn: () => request(api.GET('/api/v1/profile/skill-suggestions/')),
  });

export function useSkillSuggestions(refetchInterval?: number | false) {
  return useQuery({ ...skillSuggestionsQueryOptions(), refetchInterval });
}

export function useAcceptSuggestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, level }: { id: number; level: number }) =>
      request(
        api.POST('/api/v1/profile/skill-suggestions/{id}/accept/', { params: { path: { id } }, body: { level } }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: suggestionsKey });
      await queryClient.invalidateQueries({ queryKey: ['profile', 'me'] });
    },
  });
}

export function useDismissSuggestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      request(api.POST('/api/v1/profile/skill-suggestions/{id}/dismiss/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suggestionsKey }),
  });
}
