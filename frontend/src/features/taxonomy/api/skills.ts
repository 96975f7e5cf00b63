import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ListItem, QueryParams, RequestBody } from '@/lib/api/types';

export type Skill = ListItem<'/api/v1/skills/'>;
export type SkillStatus = Skill['status'];
export type SkillsQuery = QueryParams<'/api/v1/skills/'>;
export type SkillInput = RequestBody<'/api/v1/skills/', 'post'>;
export type SkillPatch = RequestBody<'/api/v1/skills/{id}/', 'patch'>;

export const taxonomyQueryKey = ['skills'] as const;

export function getSkills(query: SkillsQuery) {
  return request(api.GET('/api/v1/skills/', { params: { query } }));
}

export const skillsQueryOptions = (query: SkillsQuery) =>
  queryOptions({ queryKey: [...taxonomyQueryKey, 'list', query], queryFn: () => getSkills(query), placeholderData: keepPreviousData });

export function useSkills(query: SkillsQuery) {
  return useQuery(skillsQueryOptions(query));
}

export function searchSkillRefs(q: string) {
  return request(api.GET('/api/v1/skills/autocomplete/', { params: { query: { q } } }));
}

export function useSkillRefs(q: string) {
  return useQuery({
    queryKey: [...taxonomyQueryKey, 'autocomplete', q],
    queryFn: () => searchSkillRefs(q),
    enabled: q.length >= 1,
    staleTime: 60_000,
  });
}

export function createSkill(body: SkillInput) {
  return request(api.POST('/api/v1/skills/', { body }));
}

export function updateSkill({ id, data }: { id: number; data: SkillPatch }) {
  return request(api.PATCH('/api/v1/skills/{id}/', { params: { path: { id } }, body: data }));
}

export function approveSkill(id: number) {
  return request(api.POST('/api/v1/skills/{id}/approve/', { params: { path: { id } } }));
}

export function rejectSkill(id: number) {
  return request(api.POST('/api/v1/skills/{id}/reject/', { params: { path: { id } } }));
}

/** Profiles with `id` move to `into`; aliases move too; the source becomes `merged`. */
export function mergeSkill({ id, into }: { id: number; into: number }) {
  return request(api.POST('/api/v1/skills/{id}/merge/', { params: { path: { id } }, body: { into } }));
}

function useTaxonomyMutation<TInput>(mutationFn: (input: TInput) => Promise<Skill>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: taxonomyQueryKey }) });
}

export const useCreateSkill = () => useTaxonomyMutation(createSkill);
export const useUpdateSkill = () => useTaxonomyMutation(updateSkill);
export const useApproveSkill = () => useTaxonomyMutation(approveSkill);
export const useRejectSkill = () => useTaxonomyMutation(rejectSkill);
export const useMergeSkill = () => useTaxonomyMutation(mergeSkill);
