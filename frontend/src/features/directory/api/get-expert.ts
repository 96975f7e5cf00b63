import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import { directoryQueryKey, type Audience } from '@/features/directory/api/search-experts';

export function getExpert(audience: Audience, slug: string) {
  return audience === 'public'
    ? request(api.GET('/api/v1/public/experts/{slug}/', { params: { path: { slug } } }))
    : request(api.GET('/api/v1/directory/experts/{slug}/', { params: { path: { slug } } }));
}

export const expertQueryOptions = (audience: Audience, slug: string) =>
  queryOptions({ queryKey: [...directoryQueryKey, audience, 'expert', slug], queryFn: () => getExpert(audience, slug) });

export function useExpert(audience: Audience, slug: string, enabled = true) {
  return useQuery({ ...expertQueryOptions(audience, slug), enabled });
}
