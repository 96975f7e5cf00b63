import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { Breakdown, Drilldown, Overview, Target, Trends } from '@/features/analytics/api/analytics';
import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function kpi(key: Overview['kpis'][number]['key'], value: number | null, extra: Partial<Overview['kpis'][number]> = {}) {
  return { key, label: key, unit: 'count' as const, estimate: false, value, previous: null, change: null, company: null, benchmark: null, benchmark_source: '', ...extra };
}

function overview(overrides: Partial<Overview> = {}): Overview {
  return {
    start: '2026-10-24', end: '2026-11-22', previous_start: '2026-09-24', previous_end: '2026-10-23',
    suppressed: false, works_council_mode: true, currency: 'EUR', headcount: 120,
    kpis: [
      kpi('shares', 42, { previous: 30, change: 0.4 }),
      kpi('clicks', 420),
      kpi('clicks_per_share', 10, { unit: 'ratio' }),
      kpi('media_value', 1234.5, { unit: 'currency', estimate: true }),
      kpi('adoption_rate', 0.25, { unit: 'ratio', benchmark: 0.15 }),
      kpi('applications', 3),
    ],
    estimates: { currency: 'EUR', impressions: 5000, media_value: '1234.50', inputs: [
      { network: 'linkedin', cpc: '5.50', cpm: '32.00', view_rate: '0.1200', clicks: 300, reach: 40000, impressions: 4800, configured: true },
    ] },
    funnel: { job_shares: 5, job_clicks: 40, applications: 3 },
    computed_at: null,
    ...overrides,
  };
}

const TRENDS: Trends = {
  interval: 'day', suppressed: false, metrics: ['shares', 'clicks'], computed_at: null,
  points: [
    { date: '2026-11-21', shares: 2, clicks: 10, reach: 0, conversions: 0, applications: 0, profile_views: 0, search_appearances: 0, contact_requests: 0 },
    { date: '2026-11-22', shares: 3, clicks: 17, reach: 0, conversions: 1, applications: 1, profile_views: 0, search_appearances: 0, contact_requests: 0 },
  ],
};

function breakdown(dimension: string): Breakdown {
  const row = { suppressed: false, shares: 4, clicks: 12, reach: 100, conversions: 1, clicks_per_share: 3, profile_views: null, search_appearances: null, contact_requests: null };
  if (dimension === 'content') return { dimension, metrics: [], suppressed_rows: 0, computed_at: null, rows: [{ key: '7', label: 'Cloud im Mittelstand', kind: 'article', ...row }] };
  return {
    dimension, metrics: [], suppressed_rows: 1, computed_at: null,
    rows: [
      { key: '1', label: 'Vertrieb', ...row },
      { key: '2', label: 'Recht', ...row, suppressed: true, shares: null, clicks: null, reach: null, conversions: null, clicks_per_share: null },
    ],
  };
}

const DRILL: Drilldown = {
  suppressed: false, total: 1,
  items: [{ id: 3, shared_at: '2026-11-20T10:00:00Z', network: 'linkedin', content_id: 7, content_title: 'Cloud im Mittelstand', content_kind: 'article', department: 'Vertrieb', person: null, reach: 100, clicks: 12, conversions: 1 }],
};

function useAnalyticsServer(data: Overview = overview()) {
  const state = { overviewQueries: [] as URLSearchParams[], drillQueries: [] as URLSearchParams[], targets: [] as Target[], posted: [] as unknown[] };
  server.use(
    http.get(url('analytics/overview/'), ({ request }) => {
      state.overviewQueries.push(new URL(request.url).searchParams);
      return HttpResponse.json(data);
    }),
    http.get(url('analytics/options/'), () =>
      HttpResponse.json({ departments: [{ id: 1, name: 'Vertrieb' }], topics: [], networks: ['linkedin', 'xing'], content_kinds: ['article', 'job'], kpis: ['shares', 'clicks'] }),
    ),
    http.get(url('analytics/trends/'), () => HttpResponse.json(TRENDS)),
    http.get(url('analytics/settings/'), () => HttpResponse.json({ works_council_mode: true, currency: 'EUR', weekly_report: true, min_group_size: 5 })),
    http.get(url('analytics/rates/'), () => HttpResponse.json([{ network: 'linkedin', currency: 'EUR', cpc: '5.50', cpm: '32.00', view_rate: '0.1200' }])),
    http.get(url('analytics/breakdown/'), ({ request }) => HttpResponse.json(breakdown(new URL(request.url).searchParams.get('by') ?? ''))),
    http.get(url('analytics/top-content/'), () => HttpResponse.json(breakdown('content'))),
    http.get(url('analytics/drilldown/'), ({ request }) => {
      state.drillQueries.push(new URL(request.url).searchParams);
      return HttpResponse.json(DRILL);
    }),
    http.get(url('analytics/targets/'), () => HttpResponse.json(state.targets)),
    http.post(url('analytics/targets/'), async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.posted.push(body);
      const target = {
        id: 9, kpi: 'shares', kpi_label: 'Shares', scope: 'company', department: null, department_name: '',
        period_start: String(body.period_start), period_end: String(body.period_end), value: '100.00',
        current: '42.00', forecast: '120.00', progress: 0.42, status: 'on_track', suppressed: false,
      } as Target;
      state.targets = [target];
      return HttpResponse.json(target, { status: 201 });
    }),
  );
  return state;
}

const manager = () => buildUser({ role: 'manager' });

describe('AnalyticsPage', () => {
  it('shows the KPIs with comparisons, estimates and their inputs', async () => {
    useAnalyticsServer();
    renderApp('/analytics', { user: manager() });

    const shares = await screen.findByTestId('kpi-shares');
    expect(shares).toHaveTextContent('Teilungen');
    expect(shares).toHaveTextContent('42');
    expect(shares).toHaveTextContent('+40 % ggü. Vorperiode');
    const media = screen.getByTestId('kpi-media_value');
    expect(within(media).getByText('Schätzung')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-adoption_rate')).toHaveTextContent('Branchen-Benchmark: 15 %');
    expect(screen.getByRole('row', { name: /LinkedIn 5.50 32.00 12 %/ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Stellen-Funnel' })).toHaveTextContent('3 Bewerbungen');
    expect(screen.getByTestId('computed-at')).toHaveTextContent('Noch nicht berechnet');
  });

  it('sends the chosen range and filters, and exports with them', async () => {
    const state = useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    await screen.findByTestId('kpi-shares');

    const filterForm = screen.getByRole('form', { name: 'Zeitraum und Filter' });
    await user.selectOptions(within(filterForm).getByLabelText('Zeitraum'), '7');
    await user.selectOptions(within(filterForm).getByLabelText('Netzwerk'), 'linkedin');

    await waitFor(() => expect(state.overviewQueries.at(-1)?.get('network')).toBe('linkedin'));
    const last = state.overviewQueries.at(-1);
    const days = (Date.parse(last?.get('end') ?? '') - Date.parse(last?.get('start') ?? '')) / 86400000;
    expect(days).toBe(6);
    const csv = screen.getByRole('link', { name: 'Überblick als CSV herunterladen' });
    expect(csv.getAttribute('href')).toContain('table=overview');
    expect(csv.getAttribute('href')).toContain('network=linkedin');
    expect(csv.getAttribute('href')).toContain('file_format=csv');
  });

  it('reads every chart as a table and marks withheld groups', async () => {
    useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    const trends = (await screen.findByRole('heading', { name: 'Verlauf' })).closest('section') as HTMLElement;

    await user.click(await within(trends).findByRole('button', { name: 'Als Tabelle' }));

    expect(within(trends).getByRole('row', { name: '2026-11-22 3 17 1' })).toBeInTheDocument();
    const breakdownCard = screen.getByRole('heading', { name: 'Aufschlüsselung' }).closest('section') as HTMLElement;
    expect(await within(breakdownCard).findByText('ausgeblendet')).toBeInTheDocument();
  });

  it('drills down from top content to the shares behind it, names hidden without consent', async () => {
    const state = useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    const top = (await screen.findByRole('heading', { name: 'Top-Beiträge' })).closest('section') as HTMLElement;

    await user.click(await within(top).findByRole('button', { name: 'Cloud im Mittelstand' }));

    const drill = (await screen.findByRole('heading', { name: 'Teilungen hinter: Cloud im Mittelstand' })).closest('section') as HTMLElement;
    expect(await within(drill).findByText('(ohne Einwilligung ausgeblendet)')).toBeInTheDocument();
    expect(state.drillQueries.at(-1)?.get('content')).toBe('7');
  });

  it('sets a target and shows its status', async () => {
    const state = useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    const form = await screen.findByRole('form', { name: 'Neues Ziel' });

    await user.type(within(form).getByLabelText('Zielwert'), '100');
    await user.click(within(form).getByRole('button', { name: 'Ziel anlegen' }));

    expect(await screen.findByText('Im Plan')).toBeInTheDocument();
    expect(state.posted).toEqual([expect.objectContaining({ kpi: 'shares', scope: 'company', department: null, value: '100' })]);
  });

  it('says when works-council mode withholds the figures', async () => {
    useAnalyticsServer(overview({ suppressed: true, kpis: [kpi('shares', null)], estimates: null, funnel: null }));
    renderApp('/analytics', { user: manager() });

    expect(await screen.findByText(/Betriebsratsmodus: Für Gruppen unter der Mindestgröße/)).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('kpi-shares')).toHaveTextContent('–');
  });

  it('is for managers only', async () => {
    useAnalyticsServer();
    renderApp('/analytics', { user: buildUser() });

    await waitFor(() => expect(screen.queryByTestId('kpi-shares')).not.toBeInTheDocument());
    expect(screen.queryByRole('heading', { name: 'Employer-Branding-Analytics' })).not.toBeInTheDocument();
  });
});

describe('Analytics settings', () => {
  it('lets a manager set a network rate and import benchmarks; only admins switch works-council mode', async () => {
    useAnalyticsServer();
    const state = { rates: [] as unknown[], uploads: 0 };
    server.use(
      http.get(url('analytics/settings/'), () => HttpResponse.json({ works_council_mode: true, currency: 'EUR', weekly_report: true, min_group_size: 5 })),
      http.get(url('analytics/rates/'), () => HttpResponse.json([])),
      http.put(url('analytics/rates/'), async ({ request }) => {
        state.rates.push(await request.json());
        return HttpResponse.json([]);
      }),
      http.post(url('analytics/benchmarks/import/'), () => {
        state.uploads += 1;
        return HttpResponse.json({ imported: 2 });
      }),
    );
    const { user } = renderApp('/analytics', { user: manager() });

    const toggle = await screen.findByRole('checkbox', { name: /Betriebsratsmodus/ });
    expect(toggle).toBeChecked();
    expect(toggle).toBeDisabled();
    const rateForm = screen.getByRole('form', { name: 'Annahmen für ein Netzwerk setzen' });
    await user.selectOptions(within(rateForm).getByLabelText('Netzwerk'), 'xing');
    await user.type(within(rateForm).getByLabelText('CPC (EUR)'), '3.2');
    await user.type(within(rateForm).getByLabelText('CPM (EUR)'), '18');
    await user.type(within(rateForm).getByLabelText('Sichtrate (0–1)'), '0.08');
    await user.click(within(rateForm).getByRole('button', { name: 'Annahmen speichern' }));
    await waitFor(() =>
      expect(state.rates).toEqual([{ rates: [{ network: 'xing', cpc: '3.2', cpm: '18', view_rate: '0.08', currency: 'EUR' }] }]),
    );

    const importForm = screen.getByRole('form', { name: 'Branchen-Benchmarks' });
    await user.upload(within(importForm).getByLabelText('CSV-Datei'), new File(['kpi,value\nclicks,3\n'], 'bench.csv', { type: 'text/csv' }));
    await user.click(within(importForm).getByRole('button', { name: 'Importieren' }));
    expect(await within(importForm).findByText('2 Benchmarks importiert.')).toBeInTheDocument();
    expect(state.uploads).toBe(1);
  });
});
