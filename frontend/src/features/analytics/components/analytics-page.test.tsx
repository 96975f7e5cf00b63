import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { Breakdown, Drilldown, Overview, Target, Trends } from '@/features/analytics/api/analytics';
import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function kpi(key: Overview['kpis'][number]['key'], value: number | null, extra: Partial<Overview['kpis'][number]> = {}) {
  return { key, label: key, unit: 'count' as const, estimate: false, value, suppressed_reason: null, previous: null, change: null, company: null, benchmark: null, benchmark_source: '', ...extra };
}

function overview(overrides: Partial<Overview> = {}): Overview {
  return {
    start: '2026-10-24', end: '2026-11-22', previous_start: '2026-09-24', previous_end: '2026-10-23',
    suppressed: false, works_council_mode: true, currency: 'EUR', headcount: 120, min_group_size: 5,
    publication: { start: '2026-10-24', end: '2026-11-22', snapped: false, unit: 'day' },
    kpis: [
      kpi('shares', 42, { previous: 30, change: 0.4 }),
      kpi('clicks', 420),
      kpi('clicks_per_share', 2.5, { unit: 'number' }),
      kpi('media_value', 1234.5, { unit: 'currency', estimate: true }),
      kpi('adoption_rate', 0.25, { unit: 'ratio', benchmark: 0.15 }),
      kpi('applications', 3),
    ],
    estimates: { currency: 'EUR', impressions: 5000, media_value: '1234.50', inputs: [
      { network: 'linkedin', cpc: '5.50', cpm: '32.00', view_rate: '0.1200', clicks: 300, reach: 40000, impressions: 4800, configured: true, suppressed_reason: null },
    ] },
    funnel: { job_shares: 5, job_clicks: 40, applications: 3 },
    computed_at: '2026-11-22T09:15:00Z',
    ...overrides,
  };
}

const TRENDS: Trends = {
  interval: 'day', suppressed: false, metrics: ['shares', 'clicks'], min_group_size: 5,
  publication: { start: '2026-11-21', end: '2026-11-22', snapped: false, unit: 'day' },
  points: [
    { date: '2026-11-21', shares: 2, clicks: 10, reach: 0, conversions: 0, applications: 0, profile_views: 0, search_appearances: 0, contact_requests: 0, suppressed_reasons: {} },
    { date: '2026-11-22', shares: 3, clicks: 17, reach: 0, conversions: 1, applications: 1, profile_views: 0, search_appearances: 0, contact_requests: 0, suppressed_reasons: {} },
  ],
  computed_at: '2026-11-22T09:15:00Z',
};

function breakdown(dimension: string): Breakdown {
  const row = { suppressed: false, suppressed_reason: null, shares: 4, clicks: 12, reach: 100, conversions: 1, clicks_per_share: 3, profile_views: null, search_appearances: null, contact_requests: null };
  if (dimension === 'content') return { dimension, metrics: [], suppressed_rows: 0, min_group_size: 5, computed_at: null, publication: { start: '2026-10-24', end: '2026-11-22', snapped: false, unit: 'day' }, rows: [{ key: '7', label: 'Cloud im Mittelstand', kind: 'article', ...row }] };
  return {
    dimension, metrics: [], suppressed_rows: 1, min_group_size: 5, computed_at: '2026-11-22T09:15:00Z',
    publication: { start: '2026-10-24', end: '2026-11-22', snapped: false, unit: 'day' },
    rows: [
      { key: '1', label: 'Vertrieb', ...row },
      { key: '2', label: 'Recht', ...row, suppressed: true, suppressed_reason: 'min_group', shares: null, clicks: null, reach: null, conversions: null, clicks_per_share: null },
    ],
  };
}

const DRILL: Drilldown = {
  suppressed: false, total: 1, only_opted_in: false, min_group_size: 5, computed_at: '2026-11-22T09:16:00Z',
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
        suppressed_reason: null, measured_start: String(body.period_start), measured_end: null,
        computed_at: '2026-11-22T09:15:00Z',
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
    expect(screen.getByRole('row', { name: /LinkedIn 5,50 32,00 12\s%/ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Stellen-Funnel' })).toHaveTextContent('3 Bewerbungen');
    // clicks per share is a number of clicks, not a percentage; German number format, not the browser's
    expect(screen.getByTestId('kpi-clicks_per_share')).toHaveTextContent(/^Klicks pro Teilung2,5/);
    expect(screen.getByTestId('kpi-media_value')).toHaveTextContent('1.235 €');
    const overviewCard = screen.getByRole('heading', { name: 'Überblick' }).closest('section') as HTMLElement;
    expect(within(overviewCard).getByTestId('computed-at')).toHaveTextContent(/Stand: 22\.11\.2026, \d\d:\d\d/);
    expect(overviewCard).toHaveTextContent('24.10.2026 bis 22.11.2026');
  });

  it('shows figures and their freshness in English when the UI is English', async () => {
    useAnalyticsServer();
    const { i18n } = await import('@/lib/i18n');
    await i18n.changeLanguage('en');
    try {
      renderApp('/analytics', { user: manager() });
      const media = await screen.findByTestId('kpi-media_value');
      expect(media).toHaveTextContent('€1,235');
      expect(screen.getByTestId('kpi-clicks_per_share')).toHaveTextContent('2.5');
      const overviewCard = screen.getByRole('heading', { name: 'Overview' }).closest('section') as HTMLElement;
      expect(within(overviewCard).getByTestId('computed-at')).toHaveTextContent(/As of 22 Nov 2026, \d\d:\d\d/);
      const csv = screen.getByRole('link', { name: /Overview.*CSV/ });
      expect(csv.getAttribute('href')).toContain('language=en');
    } finally {
      await i18n.changeLanguage('de');
    }
  });

  it('sends the chosen range and filters, and exports with them', async () => {
    const state = useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    await screen.findByTestId('kpi-shares');

    const filterForm = screen.getByRole('form', { name: 'Zeitraum und Filter' });
    await user.selectOptions(within(filterForm).getByLabelText('Zeitraum'), '7');
    await user.selectOptions(within(filterForm).getByLabelText('Netzwerk'), 'linkedin');

    await waitFor(() => expect(state.overviewQueries.at(-1)?.get('network')).toBe('linkedin'));
    // a preset goes as a number of days: the server counts them up to the company's today
    expect(Object.fromEntries(state.overviewQueries[0] ?? [])).toEqual({ days: '30' });
    expect(Object.fromEntries(state.overviewQueries.at(-1) ?? [])).toEqual({ days: '7', network: 'linkedin' });
    const csv = screen.getByRole('link', { name: 'Überblick als CSV herunterladen' });
    expect(csv.getAttribute('href')).toContain('table=overview');
    expect(csv.getAttribute('href')).toContain('network=linkedin');
    expect(csv.getAttribute('href')).toContain('days=7');
    expect(csv.getAttribute('href')).toContain('file_format=csv');
  });

  it('shows the range the server resolved, and a typed date leaves the preset for fixed dates', async () => {
    const state = useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    await screen.findByTestId('kpi-shares');

    const filterForm = screen.getByRole('form', { name: 'Zeitraum und Filter' });
    const start = within(filterForm).getByLabelText('Von');
    expect(start).toHaveValue('24.10.2026');
    expect(within(filterForm).getByLabelText('Bis')).toHaveValue('22.11.2026');
    expect(within(filterForm).getByLabelText('Zeitraum')).toHaveValue('30');

    await user.clear(start);
    await user.type(start, '01.11.2026');

    await waitFor(() => expect(state.overviewQueries.at(-1)?.get('start')).toBe('2026-11-01'));
    expect(Object.fromEntries(state.overviewQueries.at(-1) ?? [])).toEqual({ start: '2026-11-01', end: '2026-11-22' });
    expect(within(filterForm).getByLabelText('Zeitraum')).toHaveValue('');
  });

  it('reads every chart as a table and marks withheld groups', async () => {
    useAnalyticsServer();
    const { user } = renderApp('/analytics', { user: manager() });
    const trends = (await screen.findByRole('heading', { name: 'Verlauf' })).closest('section') as HTMLElement;

    await user.click(await within(trends).findByRole('button', { name: 'Als Tabelle' }));

    expect(within(trends).getByRole('row', { name: '22.11. 3 17 1' })).toBeInTheDocument();
    expect(within(trends).getByTestId('computed-at')).toHaveTextContent(/Stand: 22\.11\.2026, \d\d:\d\d/);
    const breakdownCard = screen.getByRole('heading', { name: 'Aufschlüsselung' }).closest('section') as HTMLElement;
    expect(await within(breakdownCard).findByText('ausgeblendet zum Schutz Einzelner (Mindestgruppe 5)')).toBeInTheDocument();
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
    useAnalyticsServer(overview({ suppressed: true, kpis: [kpi('shares', null)], estimates: null, funnel: null, computed_at: null }));
    renderApp('/analytics', { user: manager() });

    expect(await screen.findByText(/Betriebsratsmodus: Für Gruppen unter der Mindestgröße/)).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('kpi-shares')).toHaveTextContent('–');
    expect(screen.getAllByTestId('computed-at')[0]).toHaveTextContent('Noch nicht berechnet');
  });

  it('shows a translated marker instead of a withheld figure, never 0 or a code', async () => {
    useAnalyticsServer(
      overview({
        publication: { start: '2026-10-01', end: '2026-10-31', snapped: true, unit: 'month' },
        kpis: [kpi('shares', 42), kpi('clicks', null, { suppressed_reason: 'min_group' }), kpi('media_value', null, { unit: 'currency', suppressed_reason: 'combination' })],
        estimates: { currency: 'EUR', impressions: null, media_value: null, inputs: [
          { network: 'xing', cpc: '1.00', cpm: '5.00', view_rate: '0.5000', clicks: null, reach: null, impressions: null, configured: true, suppressed_reason: 'complementary' },
        ] },
      }),
    );
    renderApp('/analytics', { user: manager() });

    const clicks = await screen.findByTestId('kpi-clicks', {}, { timeout: 5000 });
    expect(clicks).toHaveTextContent('ausgeblendet zum Schutz Einzelner (Mindestgruppe 5)');
    expect(clicks).not.toHaveTextContent('min_group');
    expect(within(clicks).queryByText('0')).not.toBeInTheDocument();
    expect(screen.getByTestId('kpi-media_value')).toHaveTextContent('diese Filterkombination ist keine veröffentlichte Gruppe');
    expect(screen.getByTestId('kpi-shares')).toHaveTextContent('42');
    expect(screen.getByTestId('publication-note')).toHaveTextContent('2026-10-01 – 2026-10-31');
    expect(screen.getByText('ausgeblendet zum Schutz Einzelner (Mindestgruppe 5)', { selector: 'td' })).toBeInTheDocument();
  });

  it('leaves withheld months out of the trend chart and counts them', async () => {
    useAnalyticsServer();
    server.use(
      http.get(url('analytics/trends/'), () =>
        HttpResponse.json({
          ...TRENDS,
          interval: 'month',
          points: [
            { ...TRENDS.points[0], date: '2026-09-01' },
            { ...TRENDS.points[1], date: '2026-10-01', shares: null, clicks: null, conversions: null, suppressed_reasons: { shares: 'min_group', clicks: 'min_group', conversions: 'min_group' } },
          ],
        }),
      ),
    );
    const { user } = renderApp('/analytics', { user: manager() });
    const trends = (await screen.findByRole('heading', { name: 'Verlauf' }, { timeout: 5000 })).closest('section') as HTMLElement;

    expect(await within(trends).findByTestId('trends-withheld')).toHaveTextContent('1 Monate ausgeblendet zum Schutz Einzelner (Mindestgruppe 5)');
    await user.click(within(trends).getByRole('button', { name: 'Als Tabelle' }));
    expect(within(trends).queryByRole('row', { name: /10\.2026|01\.10\./ })).not.toBeInTheDocument();
    expect(within(trends).getByRole('row', { name: /09\.2026|01\.09\./ })).toBeInTheDocument();
  });

  it('says that a works-council drill-down lists only people who opted in', async () => {
    useAnalyticsServer();
    server.use(http.get(url('analytics/drilldown/'), () => HttpResponse.json({ ...DRILL, total: null, only_opted_in: true, items: [{ ...DRILL.items[0], person: 'Erika Mustermann' }] })));
    const { user } = renderApp('/analytics', { user: manager() });
    const top = (await screen.findByRole('heading', { name: 'Top-Beiträge' }, { timeout: 5000 })).closest('section') as HTMLElement;

    await user.click(await within(top).findByRole('button', { name: 'Cloud im Mittelstand' }));

    const note = await screen.findByTestId('drilldown-opted-in');
    expect(note).toHaveTextContent('nur Teilungen von Personen, die ihre Zahlen freigegeben haben');
    expect(within(note.closest('section') as HTMLElement).getByRole('row', { name: /Erika Mustermann/ })).toBeInTheDocument();
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
