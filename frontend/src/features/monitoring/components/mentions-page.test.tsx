import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const FEED_MENTION = {
  id: 1, source: 'feed', feed: { id: 3, name: 'Handelsblatt', kind: 'news' }, network: '', author: '',
  url: 'https://news.example.com/1', title: 'Sichtbar eröffnet Büro in Wien',
  excerpt: 'Die <mark>Sichtbar</mark> GmbH wächst<script>alert(1)</script>', published_at: '2026-11-20T08:00:00Z',
  created_at: '2026-11-20T09:00:00Z', terms: [{ id: 7, text: 'Sichtbar', kind: 'company' }],
  experts: [{ id: 11, name: 'Anna Berg' }],
};
const NETWORK_MENTION = {
  ...FEED_MENTION, id: 2, source: 'network', feed: null, network: 'blog', author: 'Ben Kurz',
  url: 'https://blog.example.com/1', title: 'Mein Jahr mit Anna Berg', excerpt: 'mit <mark>Anna Berg</mark>', terms: [],
};
const SUMMARY = {
  total: 2, sources: { feed: 1, network: 1 },
  people: [{ id: 11, name: 'Anna Berg', count: 2 }],
  terms: [{ id: 7, text: 'Sichtbar', kind: 'company', count: 1 }],
};
const FEED = {
  id: 3, name: 'Handelsblatt', url: 'https://news.example.com/feed', kind: 'news', active: true,
  last_fetch_at: '2026-11-22T10:00:00Z', last_success_at: null, last_fetch_status: 'error',
  last_error: 'The feed answered with HTTP status 500.', last_error_code: 'http_error', mention_count: 1,
  created_at: '2026-11-01T10:00:00Z',
};

function useMonitoringServer() {
  const state = {
    queries: [] as Record<string, string>[],
    terms: [] as unknown[],
    postedTerms: [] as unknown[],
    fetched: [] as string[],
  };
  server.use(
    http.get(url('monitoring/mentions/'), ({ request }) => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      state.queries.push(query);
      const all = [FEED_MENTION, NETWORK_MENTION];
      return HttpResponse.json(page(query.source ? all.filter((m) => m.source === query.source) : all));
    }),
    http.get(url('monitoring/mentions/summary/'), () => HttpResponse.json(SUMMARY)),
    http.get(url('monitoring/feeds/'), () => HttpResponse.json([FEED])),
    http.get(url('monitoring/terms/'), () => HttpResponse.json(state.terms)),
    http.post(url('monitoring/terms/'), async ({ request }) => {
      const body = (await request.json()) as { text: string; exclude_words: string[] };
      state.postedTerms.push(body);
      if (body.text === 'Sichtbar' && state.terms.length > 0) {
        return HttpResponse.json(apiError('Schon da.', 'monitoring_term_exists', { text: ['Dieser Begriff wird bereits beobachtet.'] }), { status: 409 });
      }
      const term = { id: 7, kind: 'company', case_sensitive: false, whole_word: true, active: true, mention_count: 0, created_at: '2026-11-22T10:00:00Z', ...body };
      state.terms = [term];
      return HttpResponse.json(term, { status: 201 });
    }),
    http.post(url('monitoring/feeds/:id/fetch/'), ({ params }) => {
      state.fetched.push(String(params.id));
      return HttpResponse.json(FEED, { status: 202 });
    }),
  );
  return state;
}

describe('MentionsPage', () => {
  it('shows managers the mentions with safe highlights and filters them by source and person', async () => {
    const state = useMonitoringServer();
    const { user } = renderApp('/mentions', { user: buildUser({ role: 'manager' }) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Erwähnungen' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Gefundene Erwähnungen' });
    const item = within(list).getByRole('link', { name: 'Sichtbar eröffnet Büro in Wien' }).closest('li') as HTMLElement;
    expect(within(item).getByText('Sichtbar', { selector: 'mark' })).toBeInTheDocument();
    expect(item).toHaveTextContent('Handelsblatt');
    expect(item).toHaveTextContent('Personen: Anna Berg');
    expect(document.querySelector('script')).toBeNull();
    expect(within(list).getByText(/Beitrag von Ben Kurz \(blog\)/)).toBeInTheDocument();

    const chips = screen.getByRole('group', { name: 'Quelle' });
    await user.click(await within(chips).findByRole('button', { name: 'Netzwerke (1)' }));
    await waitFor(() => expect(state.queries.at(-1)).toMatchObject({ source: 'network', page: '1' }));
    expect(within(chips).getByRole('button', { name: 'Netzwerke (1)' })).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Sichtbar eröffnet Büro in Wien' })).toBeNull());

    await user.selectOptions(screen.getByLabelText('Person'), 'Anna Berg (2)');
    await waitFor(() => expect(state.queries.at(-1)).toMatchObject({ source: 'network', person: '11' }));
    expect(screen.getByRole('link', { name: 'Als CSV exportieren' })).toHaveAttribute(
      'href',
      '/api/v1/monitoring/mentions/export/?source=network&person=11',
    );
  });

  it('lets managers add a term with exclusions and fetch a feed now, showing its last error', async () => {
    const state = useMonitoringServer();
    const { user } = renderApp('/mentions', { user: buildUser({ role: 'manager' }) });

    const feedRow = (await screen.findByRole('rowheader', { name: /Handelsblatt/ })).closest('tr') as HTMLElement;
    expect(feedRow).toHaveTextContent('Der Feed antwortete mit einem HTTP-Fehler.');
    await user.click(within(feedRow).getByRole('button', { name: 'Handelsblatt jetzt abrufen' }));
    await waitFor(() => expect(state.fetched).toEqual(['3']));

    const form = screen.getByRole('form', { name: 'Begriff hinzufügen' });
    await user.type(within(form).getByLabelText('Begriff'), 'Sichtbar');
    await user.type(within(form).getByLabelText('Ausschlusswörter'), 'unsichtbar, Optik ,');
    await user.click(within(form).getByRole('button', { name: 'Begriff hinzufügen' }));

    expect(await screen.findByRole('rowheader', { name: /Sichtbar/ })).toBeInTheDocument();
    expect(state.postedTerms).toEqual([
      { text: 'Sichtbar', kind: 'company', exclude_words: ['unsichtbar', 'Optik'], case_sensitive: false, whole_word: true, active: true },
    ]);

    await user.type(within(form).getByLabelText('Begriff'), 'Sichtbar');
    await user.click(within(form).getByRole('button', { name: 'Begriff hinzufügen' }));
    expect(await within(form).findByText('Dieser Begriff wird bereits beobachtet.')).toBeInTheDocument();
  });

  it('shows employees the mentions of themselves without the manager tools', async () => {
    useMonitoringServer();
    renderApp('/mentions', { user: buildUser({ role: 'employee' }) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Erwähnungen von mir' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Mein Jahr mit Anna Berg' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Person')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Einstellungen der Beobachtung' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Erwähnungen' })).toHaveAttribute('href', '/mentions');
  });
});
