import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { MAX_PAGE_SIZE } from '@/config/constants';
import { api, request, requestNoContent } from '@/lib/api-client';
import type { ListItem, QueryParams, RequestBody, ResponseBody } from '@/lib/api/types';

export type ContentItem = ListItem<'/api/v1/content/items/'>;
export type ContentItemDetail = ResponseBody<'/api/v1/content/items/{id}/', 'get'>;
export type ContentItemInput = RequestBody<'/api/v1/content/items/', 'post'>;
export type ContentSaved = ResponseBody<'/api/v1/content/items/', 'post', 201>;
export type RuleMatch = ContentSaved['warnings'][number];
export type ContentStatus = ContentItem['status'];
export type ContentKind = ContentItem['kind'];
export type TransitionAction = RequestBody<'/api/v1/content/items/{id}/transition/', 'post'>['action'];
export type AvailableItem = ListItem<'/api/v1/content/available/'>;
export type Suggestion = ListItem<'/api/v1/content/suggestions/'>;
export type Source = ResponseBody<'/api/v1/content/sources/', 'get'>[number];
export type SourceInput = RequestBody<'/api/v1/content/sources/', 'post'>;
export type Rule = ResponseBody<'/api/v1/content/rules/', 'get'>[number];
export type RuleInput = RequestBody<'/api/v1/content/rules/', 'post'>;
export type CheckResult = ResponseBody<'/api/v1/content/check/', 'post'>;
export type ContentListParams = QueryParams<'/api/v1/content/items/'>;

export const CONTENT_STATUSES: ContentStatus[] = ['draft', 'in_review', 'published', 'archived'];
export const CONTENT_KINDS: ContentKind[] = ['article', 'job', 'event', 'press'];

const contentKey = ['content'] as const;

export const contentListQueryOptions = (params: ContentListParams) =>
  queryOptions({
    queryKey: [...contentKey, 'items', params],
    queryFn: () => request(api.GET('/api/v1/content/items/', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });

export function useContentList(params: ContentListParams) {
  return useQuery(contentListQueryOptions(params));
}

export const contentItemQueryOptions = (id: number) =>
  queryOptions({
    queryKey: [...contentKey, 'item', id],
    queryFn: () => request(api.GET('/api/v1/content/items/{id}/', { params: { path: { id } } })),
  });

export function useContentItem(id: number | null) {
  return useQuery({ ...contentItemQueryOptions(id ?? 0), enabled: id !== null });
}

export function useReviewQueue(page: number) {
  return useQuery({
    queryKey: [...contentKey, 'review-queue', page],
    queryFn: () => request(api.GET('/api/v1/content/review-queue/', { params: { query: { page } } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveContent(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContentItemInput) =>
      id === null
        ? request(api.POST('/api/v1/content/items/', { body }))
        : request(api.PATCH('/api/v1/content/items/{id}/', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useUploadContentImage(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (image: File) =>
      request(
        api.POST('/api/v1/content/items/{id}/image/', {
          params: { path: { id } },
          // The schema types `format: binary` as string; the real value is the File, sent via FormData.
          body: { image: image as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append('image', image);
            return form;
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useTransition(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: TransitionAction; comment?: string; reviewer?: number | null }) =>
      request(api.POST('/api/v1/content/items/{id}/transition/', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

/** Who may review this item (the reviewer picker): the four-eyes rule leaves out its author by default. */
export function useReviewers(id: number, enabled = true) {
  return useQuery({
    queryKey: [...contentKey, 'reviewers', id],
    queryFn: () => request(api.GET('/api/v1/content/items/{id}/reviewers/', { params: { path: { id } } })),
    enabled,
  });
}

const settingsKey = [...contentKey, 'settings'] as const;

export function useContentSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => request(api.GET('/api/v1/content/settings/')) });
}

export function useUpdateContentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { allow_self_approval: boolean }) => request(api.PATCH('/api/v1/content/settings/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useComments(id: number) {
  return useQuery({
    queryKey: [...contentKey, 'comments', id],
    queryFn: () => request(api.GET('/api/v1/content/items/{id}/comments/', { params: { path: { id } } })),
  });
}

export function useAddComment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      request(api.POST('/api/v1/content/items/{id}/comments/', { params: { path: { id } }, body: { body } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useHistory(id: number) {
  return useQuery({
    queryKey: [...contentKey, 'history', id],
    queryFn: () => request(api.GET('/api/v1/content/items/{id}/history/', { params: { path: { id } } })),
  });
}

export function useNetworkLimits() {
  return useQuery({
    queryKey: [...contentKey, 'limits'],
    queryFn: () => request(api.GET('/api/v1/content/limits/')),
    staleTime: Infinity,
  });
}

export function useTopics() {
  return useQuery({
    queryKey: [...contentKey, 'topics'],
    queryFn: () => request(api.GET('/api/v1/skills/', { params: { query: { page_size: MAX_PAGE_SIZE } } })),
    staleTime: 5 * 60_000,
  });
}

export type Network = NonNullable<RequestBody<'/api/v1/content/check/', 'post'>['network']>;
export const NETWORKS: Network[] = ['linkedin', 'xing', 'x', 'mastodon', 'facebook', 'email'];
export const NETWORK_NAMES: Record<Network, string> = {
  linkedin: 'LinkedIn',
  xing: 'XING',
  x: 'X',
  mastodon: 'Mastodon',
  facebook: 'Facebook',
  email: 'E-Mail',
};

export function checkText(text: string, network?: Network) {
  return request(api.POST('/api/v1/content/check/', { body: network ? { text, network } : { text } }));
}

/** The live confidentiality check of one text (debounced by the caller). */
export function useTextCheck(text: string, network?: Network) {
  return useQuery({
    queryKey: [...contentKey, 'check', network ?? '', text],
    queryFn: () => checkText(text, network),
    enabled: text.trim().length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useAvailableContent(page: number) {
  return useQuery({
    queryKey: [...contentKey, 'available', page],
    queryFn: () => request(api.GET('/api/v1/content/available/', { params: { query: { page } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMySuggestions() {
  return useQuery({
    queryKey: [...contentKey, 'suggestions'],
    queryFn: () => request(api.GET('/api/v1/content/suggestions/')),
  });
}

export function useSuggest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; note: string }) => request(api.POST('/api/v1/content/suggestions/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useSources() {
  return useQuery({ queryKey: [...contentKey, 'sources'], queryFn: () => request(api.GET('/api/v1/content/sources/')) });
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SourceInput) => request(api.POST('/api/v1/content/sources/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useDeleteSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => requestNoContent(api.DELETE('/api/v1/content/sources/{id}/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useImportSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request(api.POST('/api/v1/content/sources/{id}/import/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useRules() {
  return useQuery({ queryKey: [...contentKey, 'rules'], queryFn: () => request(api.GET('/api/v1/content/rules/')) });
}

export function useCreateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleInput) => request(api.POST('/api/v1/content/rules/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useUpdateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<RuleInput> & { id: number }) =>
      request(api.PATCH('/api/v1/content/rules/{id}/', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => requestNoContent(api.DELETE('/api/v1/content/rules/{id}/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentKey }),
  });
}

export function useCheckText() {
  return useMutation({ mutationFn: ({ text, network }: { text: string; network?: Network }) => checkText(text, network) });
}

/** Whether I still have to accept the current guidelines (shown as a reminder next to the content). */
export function useGuidelineStatus() {
  return useQuery({
    queryKey: ['guidelines', 'current'],
    queryFn: () => request(api.GET('/api/v1/guidelines/current/')),
  });
}
