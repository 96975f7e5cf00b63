/** The session: who is logged in (auth/me), logout, and the route guards built on it. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { Spinner } from '@/components/ui/spinner';
import { loginPath, paths, safeRedirect } from '@/config/paths';
import { api, fetchCsrfToken, request, requestNoContent } from '@/lib/api-client';
import type { Me, Role } from '@/lib/api/types';
import { isApiError } from '@/lib/api-error';
import { meQueryKey } from '@/lib/react-query';

/** Returns the logged-in user, or null when there is no session (403/401 from auth/me). */
export async function getMe(): Promise<Me | null> {
  try {
    return await request(api.GET('/api/v1/auth/me/'));
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60_000 });

export function useUser() {
  return useQuery(meQueryOptions());
}

/**
 * ProtectedRoute hands the user down through context, so its children never render without one,
 * not even for the moment between logout and the redirect.
 */
const CurrentUserContext = createContext<Me | null>(null);

/** The logged-in user; only for components rendered behind ProtectedRoute. */
export function useCurrentUser(): Me {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() used outside an authenticated route');
  return user;
}

export async function updateMyLanguage(language: Me['language']): Promise<Me> {
  return request(api.PATCH('/api/v1/auth/me/', { body: { language } }));
}

/** Saves the UI language on the profile too, so e-mails from the server use it. Best effort. */
export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMyLanguage,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}

export async function logout(): Promise<void> {
  await requestNoContent(api.POST('/api/v1/auth/logout/'));
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey !== meQueryKey });
      queryClient.setQueryData(meQueryKey, null);
      // Django rotates the CSRF token with the session.
      await fetchCsrfToken().catch(() => undefined);
    },
  });
}

/** Call after the server logged the user in (login, invitation accepted). */
export function useSetSession() {
  const queryClient = useQueryClient();
  return async (me: Me) => {
    queryClient.setQueryData(meQueryKey, me);
    await fetchCsrfToken().catch(() => undefined);
  };
}

function FullPageSpinner() {
  return (
    <div className="page-center">
      <Spinner />
    </div>
  );
}

export function ProtectedRoute({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { data: user, isPending, isError, error } = useUser();
  const location = useLocation();
  if (isPending) return <FullPageSpinner />;
  if (isError) throw error;
  if (!user) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (roles && !roles.includes(user.role)) return <Navigate to={paths.home} replace />;
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

/** For /login and friends: a logged-in user has nothing to do there. */
export function GuestRoute({ children }: { children: ReactNode }) {
  const { data: user, isPending } = useUser();
  const location = useLocation();
  if (isPending) return <FullPageSpinner />;
  if (user) {
    const redirectTo = new URLSearchParams(location.search).get('redirectTo');
    return <Navigate to={safeRedirect(redirectTo)} replace />;
  }
  return children;
}
