import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { MyImpact } from '@/features/analytics/api/analytics';
import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function impact(shareFigures: boolean): MyImpact {
  return {
    start: '2026-08-25', end: '2026-11-22',
    totals: { shares: 6, clicks: 48, reach: 2400, conversions: 1, profile_views: 31, search_appearances: 120, contact_requests: 2 },
    clicks_per_share: 8, average_response_hours: 5.5,
    points: [{ date: '2026-11-22', shares: 1, clicks: 5, reach: 400, conversions: 0, profile_views: 3, search_appearances: 10, contact_requests: 0 }],
    share_figures: shareFigures,
    computed_at: '2026-11-22T09:15:00Z',
  };
}

describe('MyImpactPage', () => {
  it('shows my figures, opts in to the leaderboard and lists only opted-in colleagues', async () => {
    const state = { shareFigures: false, puts: [] as unknown[], queries: [] as URLSearchParams[] };
    server.use(
      http.get(url('analytics/me/'), ({ request }) => {
        state.queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(impact(state.shareFigures));
      }),
      http.put(url('analytics/me/preference/'), async ({ request }) => {
        const body = (await request.json()) as { share_figures: boolean };
        state.puts.push(body);
        state.shareFigures = body.share_figures;
        return HttpResponse.json({ share_figures: body.share_figures, opted_in_at: '2026-11-22T10:00:00Z' });
      }),
      http.get(url('analytics/leaderboard/'), () =>
        HttpResponse.json(state.shareFigures ? [{ rank: 1, user_id: 1, name: 'Erika Mustermann', department: 'Vertrieb', shares: 6, clicks: 48, reach: 2400, conversions: 1 }] : []),
      ),
    );
    const { user } = renderApp('/impact', { user: buildUser() });

    expect(await screen.findByTestId('my-clicks')).toHaveTextContent('48');
    expect(screen.getByTestId('my-profile_views')).toHaveTextContent('31');
    expect(screen.getByTestId('my-reach')).toHaveTextContent('2.400');
    expect(screen.getAllByTestId('computed-at')[0]).toHaveTextContent(/Stand: 22\.11\.2026, \d\d:\d\d/);
    expect(screen.getByText('Noch niemand hat eingewilligt.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toContain('/api/v1/analytics/me/export/');
    // the last 90 days up to the company's today, counted by the server in its time zone
    expect(Object.fromEntries(state.queries[0] ?? [])).toEqual({ days: '90' });
    expect(screen.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href')).toContain('days=90');

    await user.click(screen.getByRole('checkbox', { name: 'Meine Zahlen in der Bestenliste und für Manager:innen zeigen' }));

    await waitFor(() => expect(state.puts).toEqual([{ share_figures: true }]));
    const board = screen.getByRole('heading', { name: 'Bestenliste' }).closest('section') as HTMLElement;
    expect(await within(board).findByRole('rowheader', { name: /Erika Mustermann/ })).toBeInTheDocument();
  });
});
