/** msw at the network boundary: the app's real client and fetch run against these handlers. */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

import type { Me } from '@/lib/api/types';
import { apiError, buildMyImpact, buildMyProfile, page } from '@/testing/mocks/data';

/** Per-test state the default handlers read; reset before each test. */
export const session: { me: Me | null } = { me: null };

export const url = (path: string) => `${window.location.origin}/api/v1/${path}`;

export const defaultHandlers = [
  http.get(url('auth/csrf/'), () => HttpResponse.json({ csrf_token: 'test-csrf-token' })),
  http.get(url('auth/config/'), () =>
    HttpResponse.json({ sso: { enabled: false, label: '', login_url: null }, password_login: true }),
  ),
  http.get(url('auth/me/'), () =>
    session.me
      ? HttpResponse.json(session.me)
      : HttpResponse.json(apiError('Nicht angemeldet.', 'not_authenticated'), { status: 403 }),
  ),
  http.patch(url('auth/me/'), async ({ request }) => {
    if (!session.me) return HttpResponse.json(apiError('Nicht angemeldet.', 'not_authenticated'), { status: 403 });
    const body = (await request.json()) as Partial<Me>;
    session.me = { ...session.me, ...body };
    return HttpResponse.json(session.me);
  }),
  http.post(url('auth/logout/'), () => {
    session.me = null;
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(url('organisation/departments/'), () => HttpResponse.json(page([]))),
  http.get(url('organisation/locations/'), () => HttpResponse.json(page([]))),
  http.get(url('auth/tokens/'), () => HttpResponse.json(page([]))),
  http.get(url('users/'), () => HttpResponse.json(page([]))),
  http.get(url('users/invitations/'), () => HttpResponse.json(page([]))),
  http.get(url('notifications/unread/'), () => HttpResponse.json({ unread: 0 })),
  http.get(url('profile/skill-suggestions/'), () => HttpResponse.json([])),
  // What the start pages read; a test that is about them overrides these.
  http.get(url('feed/'), () => HttpResponse.json({ results: [], has_more: false })),
  http.get(url('contact-requests/'), () => HttpResponse.json(page([]))),
  http.get(url('contact-requests/triage/'), () => HttpResponse.json(page([]))),
  http.get(url('profile/'), () => HttpResponse.json(buildMyProfile())),
  http.get(url('analytics/me/'), () => HttpResponse.json(buildMyImpact())),
  http.get(url('analytics/targets/'), () => HttpResponse.json([])),
  http.get(url('guidelines/current/'), () => HttpResponse.json({ guideline: null, accepted: false, accepted_at: null })),
  http.get(url('content/review-queue/'), () => HttpResponse.json(page([]))),
  http.get(url('content/sources/'), () => HttpResponse.json([])),
  http.get(url('monitoring/feeds/'), () => HttpResponse.json([])),
  http.get(url('mail-outbox/'), () => HttpResponse.json(page([]))),
  http.get(url('privacy/retention/'), () => HttpResponse.json([])),
];

export const server = setupServer(...defaultHandlers);
