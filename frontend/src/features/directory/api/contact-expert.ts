import { useMutation } from '@tanstack/react-query';

import { api, request } from '@/lib/api-client';
import type { RequestBody } from '@/lib/api/types';

export type ContactInput = RequestBody<'/api/v1/public/experts/{slug}/contact/', 'post'>;

export function contactExpert({ slug, data }: { slug: string; data: ContactInput }) {
  return request(api.POST('/api/v1/public/experts/{slug}/contact/', { params: { path: { slug } }, body: data }));
}

export function useContactExpert() {
  return useMutation({ mutationFn: contactExpert });
}
