import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody, ResponseBody } from '@/lib/api/types';

export type SkillRef = ResponseBody<'/api/v1/skills/autocomplete/', 'get'>[number];
export type SkillProposal = RequestBody<'/api/v1/skills/proposals/', 'post'>;

export function autocompleteSkills(q: string) {
  return request(api.GET('/api/v1/skills/autocomplete/', { params: { query: { q } } }));
}

export const skillAutocompleteQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['skills', 'autocomplete', q],
    queryFn: () => autocompleteSkills(q),
    enabled: q.length >= 1,
    staleTime: 60_000,
  });

export function useSkillAutocomplete(q: string) {
  return useQuery(skillAutocompleteQueryOptions(q));
}

export function proposeSkill(body: SkillProposal) {
  return request(api.POST('/api/v1/skills/proposals/', { body }));
}

export function useProposeSkill() {
  return useMutation({ mutationFn: proposeSkill });
}
