/** The one TanStack Query configuration. */
import { QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';

import { isApiError } from '@/lib/api-error';

export const meQueryKey = ['auth', 'me'] as const;

/** 4xx answers are final; only network trouble and 5xx are worth a retry. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryConfig = {
  queries: {
    retry: shouldRetry,
    refetchOnWindowFocus: false,
    staleTime: 30_000,
  },
  mutations: { retry: false },
} satisfies DefaultOptions;

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: { ...queryConfig.queries, ...overrides.queries },
      mutations: { ...queryConfig.mutations, ...overrides.mutations },
    },
    queryCache: new QueryCache({
      onError(error, query) {
        // A session that ended elsewhere: forget the user so the guard sends them to /login.
        if (isApiError(error) && error.code === 'not_authenticated' && query.queryKey !== meQueryKey) {
          client.setQueryData(meQueryKey, null);
        }
      },
    }),
  });
  return client;
}

export type QueryConfig<T extends (...args: never[]) => unknown> = Omit<ReturnType<T>, 'queryKey' | 'queryFn'>;
