import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished } from 'vitest';

import { buildContactRequest, buildMyImpact, buildMyProfile, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function feedItem(id: number, title: string) {
  return {
    id, slug: `item-${String(id)}`, kind: 'article', title, summary: '', url: `https://www.example.com/${String(id)}`, image_url: '',
    language: 'de', important: false, published_at: '2026-12-01T10:00:00Z', expires_at: null, topics: [], score: 1,
    reasons: [{ code: 'skill', params: { skill: 'Kubernetes' } }],
  };
}

const GUIDELINE = {
  id: 2, version: 4, title_de: 'Social-Media-Richtlinie', title_en: 'Social media guideline', text_de: '<p>Fair.</p>',
  text_en: '<p>Fair.</p>', published_at: '2026-11-01T00:00:00Z', created_at: '2026-11-01T00:00:00Z',
};

/** Records every API path the page asks for, so a test can say what a role must not load. */
function recordRequests() {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    seen.push(new URL(request.url).pathname);
  };
  server.events.on('request:start', listener);
  onTestFinished(() => server.events.removeListener('request:start', listener));
  return seen;
}

describe('start page', () => {
  it('answers "what now?" for an employee: top picks, requests, next profile step, impact, guideline', async () => {
    const seen = recordRequests();
    const impactQueries: string[] = [];
    server.use(
      http.get(url('feed/'), () =>
        HttpResponse.json({
          results: [feedItem(1, 'Kubernetes im Betrieb'), feedItem(2, 'Souveräne Cloud'), feedItem(3, 'Neue Stellen'), feedItem(4, 'Vierter')],
          has_more: true,
        }),
      ),
      http.get(url('contact-requests/'), ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('new');
        return HttpResponse.json({ ...page([buildContactRequest({ name: 'Paula Presse', organisation: 'Tagesblatt' })]), count: 2 });
      }),
      http.get(url('profile/'), () =>
        HttpResponse.json(
          buildMyProfile({ completeness: { score: 60, hints: [{ code: 'photo', message: 'Laden Sie ein Foto hoch.' }] } }),
        ),
      ),
      http.get(url('analytics/me/'), ({ request }) => {
        impactQueries.push(new URL(request.url).search);
        return HttpResponse.json(buildMyImpact({ shares: 4, clicks: 1234, profile_views: 9, contact_requests: 2 }));
      }),
      http.get(url('guidelines/current/'), () => HttpResponse.json({ guideline: GUIDELINE, accepted: false, accepted_at: null })),
    );
    renderApp('/', { user: buildUser() });

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Hallo, Erika');
    const picks = await screen.findByTestId('top-picks');
    await waitFor(() => expect(within(picks).getAllByRole('listitem')).toHaveLength(3));
    expect(within(picks).getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual([
      '„Kubernetes im Betrieb“ teilen',
      '„Souveräne Cloud“ teilen',
      '„Neue Stellen“ teilen',
    ]);
    expect(within(picks).getAllByText('Weil Sie sich mit Kubernetes auskennen')).toHaveLength(3);

    const requests = await screen.findByTestId('start-requests');
    await waitFor(() => expect(within(requests).getByText('2')).toBeInTheDocument());
    expect(within(requests).getByText('Paula Presse (Tagesblatt)')).toBeInTheDocument();

    const profile = screen.getByTestId('start-profile');
    expect(await within(profile).findByText('Als Nächstes: Laden Sie ein Foto hoch.')).toBeInTheDocument();
    expect(within(profile).getByRole('progressbar', { name: 'Vollständigkeit des Profils' })).toHaveAttribute('value', '60');

    const impact = screen.getByTestId('start-impact');
    expect(await within(impact).findByText('1.234')).toBeInTheDocument();
    expect(impactQueries).toHaveLength(1);
    const query = new URLSearchParams(impactQueries[0]);
    // the month is the company's (the server counts it in its time zone), not the browser's clock
    expect(Object.fromEntries(query)).toEqual({ month: 'current' });

    const guideline = await screen.findByTestId('start-guideline');
    expect(guideline).toHaveTextContent('„Social-Media-Richtlinie“ (Version 4) wartet auf Ihre Zustimmung');
    expect(within(guideline).getByRole('link', { name: 'Richtlinie lesen und zustimmen' })).toHaveAttribute('href', '/guidelines');

    // Nothing of the managers' or admins' cards is loaded for an employee.
    for (const path of ['/api/v1/content/review-queue/', '/api/v1/contact-requests/triage/', '/api/v1/analytics/targets/', '/api/v1/mail-outbox/', '/api/v1/users/invitations/']) {
      expect(seen).not.toContain(path);
    }
    expect(screen.queryByTestId('start-review')).not.toBeInTheDocument();
  });

  it('opens the share dialog with one tap on a top pick', async () => {
    server.use(
      http.get(url('feed/'), () => HttpResponse.json({ results: [feedItem(7, 'Kubernetes im Betrieb')], has_more: false })),
      http.get(url('shares/compose/:id/'), ({ params }) => {
        expect(params.id).toBe('7');
        return HttpResponse.json({
          content: { id: 7, slug: 'item-7', title: 'Kubernetes im Betrieb', url: 'https://www.example.com/7' },
          image_url: '', summary: '', guideline_accepted: true,
          networks: [{ network: 'xing', display_name: 'XING', limit: 395, suggested_text: 'Lesenswert.', method: 'intent', connected: false }],
        });
      }),
      http.post(url('shares/check/'), () => HttpResponse.json({ text: '', length: 0, limit: 395, blocks: [], warnings: [] })),
    );
    const { user } = renderApp('/', { user: buildUser() });
    await user.click(await screen.findByRole('button', { name: '„Kubernetes im Betrieb“ teilen' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByLabelText('Ihr Text')).toHaveValue('Lesenswert.');
  });

  it('says so when nothing waits, instead of showing empty boxes', async () => {
    renderApp('/', { user: buildUser() });
    expect(await screen.findByText('Gerade keine neuen Empfehlungen. Schauen Sie später wieder vorbei.')).toBeInTheDocument();
    expect(await screen.findByText('Keine Anfrage wartet auf Ihre Antwort.')).toBeInTheDocument();
    expect(screen.queryByTestId('start-guideline')).not.toBeInTheDocument();
  });

  it('shows a manager what waits for review and triage and which targets are at risk', async () => {
    server.use(
      http.get(url('content/review-queue/'), () =>
        HttpResponse.json({
          count: 5, next: 'x', previous: null,
          results: [{ id: 3, title: 'Pressemitteilung Q4', updated_at: '2026-12-02T10:00:00Z' }],
        }),
      ),
      http.get(url('contact-requests/triage/'), () => HttpResponse.json({ ...page([buildContactRequest({ name: 'Kunde A', organisation: '' })]), count: 1 })),
      http.get(url('analytics/targets/'), () =>
        HttpResponse.json([
          { id: 1, kpi: 'shares', kpi_label: 'Teilungen', department_name: 'Vertrieb', status: 'at_risk', progress: 0.4 },
          { id: 2, kpi: 'clicks', kpi_label: 'Klicks', department_name: null, status: 'on_track', progress: 0.9 },
          { id: 3, kpi: 'adoption', kpi_label: 'Adoption', department_name: null, status: 'missed', progress: 0.2 },
        ]),
      ),
    );
    renderApp('/', { user: buildUser({ role: 'manager', first_name: 'Max', full_name: 'Max Muster' }) });

    const review = await screen.findByTestId('start-review');
    await waitFor(() => expect(within(review).getByText('5')).toBeInTheDocument());
    expect(within(review).getByText('Pressemitteilung Q4')).toBeInTheDocument();
    expect(within(review).getByRole('link', { name: 'Zur Prüfung' })).toHaveAttribute('href', '/content/review');

    const triage = screen.getByTestId('start-triage');
    expect(await within(triage).findByText('Kunde A')).toBeInTheDocument();

    const targets = screen.getByTestId('start-targets');
    await waitFor(() => expect(within(targets).getByText('2')).toBeInTheDocument());
    expect(within(targets).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Teilungen · Vertrieb · 40 % erreicht',
      'Adoption · 20 % erreicht',
    ]);
    // Managers share too: their personal part is below.
    expect(screen.getByTestId('top-picks')).toBeInTheDocument();
    expect(screen.queryByTestId('start-invitations')).not.toBeInTheDocument();
  });

  it('shows an admin pending invitations, failed mails, failed imports and the privacy tools', async () => {
    server.use(
      http.get(url('users/invitations/'), ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('pending');
        return HttpResponse.json({ count: 1, next: null, previous: null, results: [{ id: 1, email: 'neu@example.com', expires_at: '2026-12-20T10:00:00Z' }] });
      }),
      http.get(url('mail-outbox/'), ({ request }) => {
        expect(new URL(request.url).searchParams.get('status')).toBe('failed');
        return HttpResponse.json({ count: 2, next: null, previous: null, results: [{ id: 9, to: 'kaputt@example.com', created_at: '2026-12-03T10:00:00Z' }] });
      }),
      http.get(url('content/sources/'), () =>
        HttpResponse.json([
          { id: 1, name: 'Firmenblog', is_active: true, last_error: 'HTTP 500' },
          { id: 2, name: 'Presse', is_active: true, last_error: '' },
          { id: 3, name: 'Alt', is_active: false, last_error: 'HTTP 404' },
        ]),
      ),
      http.get(url('monitoring/feeds/'), () =>
        HttpResponse.json([
          { id: 5, name: 'Google Alerts', active: true, last_fetch_status: 'error' },
          { id: 6, name: 'Heise', active: true, last_fetch_status: 'ok' },
        ]),
      ),
      http.get(url('privacy/retention/'), () =>
        HttpResponse.json([
          { name: 'clicks', days: 90, default_days: 180, minimum: 30, customised: true },
          { name: 'audit', days: 365, default_days: 365, minimum: 90, customised: false },
        ]),
      ),
    );
    renderApp('/', { user: buildUser({ role: 'admin' }) });

    const invitations = await screen.findByTestId('start-invitations');
    expect(await within(invitations).findByText('neu@example.com')).toBeInTheDocument();
    const mail = screen.getByTestId('start-mail');
    expect(await within(mail).findByText('kaputt@example.com')).toBeInTheDocument();
    expect(within(mail).getByText('2')).toBeInTheDocument();
    const syncs = screen.getByTestId('start-syncs');
    await waitFor(() => expect(within(syncs).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Firmenblog · Inhaltsquelle',
      'Google Alerts · Monitoring-Feed',
    ]));
    const privacy = screen.getByTestId('start-privacy');
    expect(await within(privacy).findByText('1 von 2 Aufbewahrungsregeln weichen von den Voreinstellungen ab.')).toBeInTheDocument();
    expect(within(privacy).getByRole('link', { name: 'Auskunft und Löschung bearbeiten' })).toHaveAttribute('href', '/administration/privacy');
    // Admins manage content too.
    expect(screen.getByTestId('start-review')).toBeInTheDocument();
  });
});
