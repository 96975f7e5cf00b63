/** The one HTTP client: typed by the generated OpenAPI schema, same-origin session + CSRF, Accept-Language. */
import createClient, { type Middleware } from 'openapi-fetch';

import type { paths } from '@/lib/api/schema';
import { apiErrorFromBody, networkError } from '@/lib/api-error';
import { currentLanguage } from '@/lib/i18n';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Token from GET auth/csrf/, used when the cookie cannot be read (e.g. CSRF_COOKIE_HTTPONLY). */
let csrfTokenFromServer: string | null = null;

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    request.headers.set('Accept', 'application/json');
    if (UNSAFE_METHODS.has(request.method)) {
      const csrfToken = readCookie('csrftoken') ?? csrfTokenFromServer;
      if (csrfToken) request.headers.set('X-CSRFToken', csrfToken);
    }
    return request;
  },
};

export const api = createClient<paths>({
  // An absolute origin keeps Request() happy outside the browser (tests) and is same-origin inside it.
  baseUrl: window.location.origin,
  credentials: 'include',
  // Resolve fetch per call so test interceptors installed after import still apply.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);

type FetchResult<D> = { data?: D; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, throwing ApiError for any non-2xx answer
 * and for network failures, so TanStack Query sees one error type.
 */
export async function request<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>;
  try {
    result = await call;
  } catch (cause) {
    throw networkError(cause);
  }
  if (!result.response.ok) throw apiErrorFromBody(result.response.status, result.error);
  return result.data as D;
}

/** Like request() for endpoints that answer 204 No Content. */
export async function requestNoContent(call: Promise<FetchResult<unknown>>): Promise<void> {
  await request(call);
}

/**
 * GET auth/csrf/ at start-up (and after the session changes) so the csrftoken cookie exists
 * before the first unsafe request.
 */
export async function fetchCsrfToken(): Promise<void> {
  const data = await request(api.GET('/api/v1/auth/csrf/'));
  csrfTokenFromServer = data.csrf_token;
}
