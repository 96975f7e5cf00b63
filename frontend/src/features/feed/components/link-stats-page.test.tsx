import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const STATS = {
  link: {
    id: 31, code: 'Abc123XyZ0', short_url: 'https://sb.example/r/Abc123XyZ0', share_id: 11, network: 'linkedin', content_id: 7,
    content_title: 'Cloud Summit', user_id: 1, user_name: 'Erika Mustermann', destination: 'https://www.example.com/k8s',
    created_at: '2026-11-20T10:00:00Z', expires_at: null, clicks: 1234,
  },
  clicks: 1234, unique_visitors: 987, conversions: 3,
  by_day: [{ day: '2026-11-21', clicks: 1200, unique_visitors: 950 }],
  referrers: [{ host: 'www.linkedin.com', clicks: 1000 }, { host: '', clicks: 234 }],
  devices: [{ device_class: 'mobile', clicks: 800 }, { device_class: 'desktop', clicks: 434 }],
  conversions_by_kind: [{ kind: 'application', conversions: 3 }],
  computed_at: '2026-11-22T10:00:00Z',
};

describe('LinkStatsPage (/shares/links/:id)', () => {
  it('is reached from my shares and shows the link figures in the UI language', async () => {
    server.use(
      http.get(url('shares/'), () =>
        HttpResponse.json(page([{
          id: 11, content: { id: 7, slug: 'cloud', title: 'Cloud Summit', url: 'https://www.example.com/k8s' }, network: 'linkedin',
          method: 'intent', status: 'opened', text: '', scheduled_for: null, shared_at: '2026-11-20T10:00:00Z', created_at: '2026-11-20T10:00:00Z',
          external_url: '', error: '', error_code: '', attempts: 0, short_url: 'https://sb.example/r/Abc123XyZ0', link_id: 31,
        }])),
      ),
      http.get(url('links/31/stats/'), () => HttpResponse.json(STATS)),
    );
    const { user, router } = renderApp('/shares', { user: buildUser() });

    await user.click(await screen.findByRole('link', { name: 'Statistik des Links zu „Cloud Summit“' }));

    expect(router.state.location.pathname).toBe('/shares/links/31');
    expect(await screen.findByRole('heading', { level: 1, name: 'Statistik: Cloud Summit' })).toBeInTheDocument();
    const figures = screen.getByText('Klicks', { selector: 'dt' }).closest('dl') as HTMLElement;
    expect(within(figures).getAllByRole('definition').map((dd) => dd.textContent)).toEqual(['1.234', '987', '3']);
    expect(screen.getByRole('rowheader', { name: '21.11.' })).toBeInTheDocument();
    expect(screen.getByText('Ohne Herkunft (App, E-Mail, direkt): 234')).toBeInTheDocument();
    expect(screen.getByText('Smartphone: 800')).toBeInTheDocument();
    expect(screen.getByText('Tablet: 0')).toBeInTheDocument();
  });

  it('shows the server message for a link that is not mine', async () => {
    server.use(http.get(url('links/99/stats/'), () => HttpResponse.json(apiError('Nicht gefunden.', 'not_found'), { status: 404 })));
    renderApp('/shares/links/99', { user: buildUser() });
    expect(await screen.findByText('Nicht gefunden.')).toBeInTheDocument();
  });
});
