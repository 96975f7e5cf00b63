import { useMutation } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { ResponseBody } from '@/lib/api/types';
import type { Audience } from '@/features/directory/api/search-experts';

export type MatchResult = ResponseBody<'/api/v1/public/experts/match/', 'post'>;

/** "Describe your problem": experts and the skills recognised in a free text. */
export function matchExperts(audience: Audience, text: string) {
  return audience === 'public'
    ? request(api.POST('/api/v1/public/experts/match/', { body: { text } }))
    : request(api.POST('/api/v1/directory/match/', { body: { text } }));
}

export function useMatchExperts(audience: Audience) {
  return useMutation({ mutationFn: (text: string) => matchExperts(audience, text) });
}
