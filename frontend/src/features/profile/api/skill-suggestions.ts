import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';

/** The open skill suggestions from imported posts (answered on the My activity page). */
export const openSkillSuggestionsQueryOptions = () =>
  queryOptions({
    queryKey: ['profile', 'skill-suggestions'],
    queryFn: () => request(api.GET('/api/v1/profile/skill-suggestions/')),
  });

export function useOpenSkillSuggestions() {
  return useQuery(openSkillSuggestionsQueryOptions());
}
