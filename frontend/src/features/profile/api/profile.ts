import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request, requestNoContent } from '@/lib/api-client';
import type { RequestBody, ResponseBody } from '@/lib/api/types';

export type MyProfile = ResponseBody<'/api/v1/profile/', 'get'>;
export type ProfileUpdate = RequestBody<'/api/v1/profile/', 'patch'>;
export type SkillsInput = RequestBody<'/api/v1/profile/skills/', 'put'>;
export type LanguagesInput = RequestBody<'/api/v1/profile/languages/', 'put'>;
export type LinksInput = RequestBody<'/api/v1/profile/links/', 'put'>;
export type Visibility = MyProfile['visibility'];
export type VisibilityLevel = Visibility['basics'];
export type PreviewAudience = 'internal' | 'public';

export const profileQueryKey = ['profile'] as const;

export function getMyProfile() {
  return request(api.GET('/api/v1/profile/'));
}

export const myProfileQueryOptions = () => queryOptions({ queryKey: [...profileQueryKey, 'me'], queryFn: getMyProfile });

export function useMyProfile() {
  return useQuery(myProfileQueryOptions());
}

export function updateMyProfile(body: ProfileUpdate) {
  return request(api.PATCH('/api/v1/profile/', { body }));
}

export function putSkills(body: SkillsInput) {
  return request(api.PUT('/api/v1/profile/skills/', { body }));
}

export function putLanguages(body: LanguagesInput) {
  return request(api.PUT('/api/v1/profile/languages/', { body }));
}

export function putLinks(body: LinksInput) {
  return request(api.PUT('/api/v1/profile/links/', { body }));
}

/** POST profile/photo/ as multipart with the image in field `photo`. */
export function uploadPhoto(file: File) {
  return request(
    api.POST('/api/v1/profile/photo/', {
      // The schema types `format: binary` as string; the real value is the File, sent via FormData.
      body: { photo: file as unknown as string },
      bodySerializer: () => {
        const formData = new FormData();
        formData.append('photo', file);
        return formData;
      },
    }),
  );
}

export function deletePhoto() {
  return requestNoContent(api.DELETE('/api/v1/profile/photo/'));
}

export function publishProfile() {
  return request(api.POST('/api/v1/profile/publish/'));
}

export function unpublishProfile() {
  return request(api.POST('/api/v1/profile/unpublish/'));
}

/**
 * Profile writes answer with the whole profile (publish/unpublish do by contract; the others are
 * expected to): it replaces the cached one at once, and a refetch follows in any case, so an
 * answer of another shape cannot leave the page stale. Previews refetch too.
 */
export function useProfileMutation<TInput>(mutationFn: (input: TInput) => Promise<MyProfile>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (profile) => {
      if (typeof profile === 'object' && 'completeness' in profile) {
        queryClient.setQueryData(myProfileQueryOptions().queryKey, profile);
      }
      void queryClient.invalidateQueries({ queryKey: profileQueryKey });
    },
  });
}

export function useDeletePhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePhoto,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileQueryKey }),
  });
}

export function getProfilePreview(audience: PreviewAudience) {
  return request(api.GET('/api/v1/profile/preview/', { params: { query: { audience } } }));
}

export const profilePreviewQueryOptions = (audience: PreviewAudience) =>
  queryOptions({ queryKey: [...profileQueryKey, 'preview', audience], queryFn: () => getProfilePreview(audience) });

export function useProfilePreview(audience: PreviewAudience | null) {
  return useQuery({ ...profilePreviewQueryOptions(audience ?? 'internal'), enabled: audience !== null });
}
