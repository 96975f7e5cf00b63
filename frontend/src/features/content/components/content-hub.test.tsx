import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const LIMITS = [
  { network: 'linkedin', limit: 3000 },
  { network: 'xing', limit: 420 },
  { network: 'x', limit: 280 },
  { network: 'mastodon', limit: 500 },
  { network: 'facebook', limit: 63206 },
  { network: 'email', limit: 10000 },
];

function item(overrides: Record<string, unknown> = {}) {
  return {
    id: 42, slug: 'cloud-summit', kind: 'event', title: 'Cloud Summit', summary: '<p>Kommt vorbei</p>',
    url: 'https://www.example.com/summit', image_url: '', language: 'de', translation_group: 'a1b2c3d4-0000-0000-0000-000000000000',
    topics: [], departments: [], locations: [], share_texts: [{ network: 'x', text: 'Kommt vorbei!' }],
    status: 'draft', important: false, starts_at: null, expires_at: null, published_at: null, reviewer: null,
    created_by: { id: 2, full_name: 'Markus Weber' }, suggested_by: null, suggestion_note: '', source_id: null,
    created_at: '2026-11-22T10:00:00Z', updated_at: '2026-11-22T10:00:00Z', translations: [], ...overrides,
  };
}

function useContentServer() {
  const state = {
    item: item(),
    posted: [] as Record<string, unknown>[],
    transitions: [] as Record<string, unknown>[],
    checks: [] as Record<string, unknown>[],
    settings: { allow_self_approval: false, updated_at: '2026-11-22T10:00:00Z' },
    settingsPatches: [] as Record<string, unknown>[],
  };
  server.use(
    http.get(url('content/limits/'), () => HttpResponse.json(LIMITS)),
    http.get(url('skills/'), () => HttpResponse.json(page([{ id: 7, slug: 'kubernetes', name_de: 'Kubernetes', name_en: 'Kubernetes' }]))),
    http.get(url('content/items/'), ({ request }) => {
      const status = new URL(request.url).searchParams.get('status');
      const items = [state.item, item({ id: 43, title: 'Neue Stelle', kind: 'job', status: 'published' })];
      return HttpResponse.json(page(status ? items.filter((i) => i.status === status) : items));
    }),
    http.post(url('content/check/'), async ({ request }) => {
      const body = (await request.json()) as { text: string; network?: string };
      state.checks.push(body);
      const start = body.text.indexOf('Falkenauge');
      const matches = start >= 0 ? [{ rule_id: 1, name: 'Projektname', action: 'block', matched_text: 'Falkenauge', start, end: start + 10, description: 'Intern.' }] : [];
      return HttpResponse.json({ blocked: matches.length > 0, matches, length: body.text.length, limit: 280 });
    }),
    http.post(url('content/items/'), async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.posted.push(body);
      if (((body.share_texts as Record<string, string>).x ?? '').length > 280) {
        return HttpResponse.json(apiError('Bitte korrigieren.', 'share_text_too_long', { 'share_texts.x': ['Höchstens 280 Zeichen.'] }), { status: 400 });
      }
      state.item = item({ title: body.title as string });
      return HttpResponse.json({ item: state.item, warnings: [] }, { status: 201 });
    }),
    http.get(url('content/items/:id/'), () => HttpResponse.json(state.item)),
    http.get(url('content/items/:id/comments/'), () => HttpResponse.json([])),
    http.get(url('content/items/:id/reviewers/'), () =>
      HttpResponse.json([
        { id: 5, name: 'Anna Adler', email: 'anna@example.com', role: 'manager' },
        { id: 6, name: 'Bernd Berg', email: 'bernd@example.com', role: 'admin' },
      ]),
    ),
    http.get(url('content/settings/'), () => HttpResponse.json(state.settings)),
    http.patch(url('content/settings/'), async ({ request }) => {
      const body = (await request.json()) as { allow_self_approval: boolean };
      state.settingsPatches.push(body);
      state.settings = { ...state.settings, ...body };
      return HttpResponse.json(state.settings);
    }),
    http.get(url('content/review-queue/'), () => HttpResponse.json(page([state.item]))),
    http.get(url('content/items/:id/history/'), () =>
      HttpResponse.json([{ id: 1, action: 'content.create', actor_label: 'Markus Weber', changes: {}, created_at: '2026-11-22T10:00:00Z' }]),
    ),
    http.post(url('content/items/:id/transition/'), async ({ request }) => {
      const body = (await request.json()) as { action: string };
      state.transitions.push(body);
      state.item = item({ status: body.action === 'submit' ? 'in_review' : 'published', updated_at: '2026-11-22T11:00:00Z' });
      return HttpResponse.json(state.item);
    }),
  );
  return state;
}

const manager = buildUser({ role: 'manager' });

describe('Content hub', () => {
  it('lists items and filters by status', async () => {
    useContentServer();
    const { user } = renderApp('/content', { user: manager });
    const table = await screen.findByRole('table', { name: 'Beiträge im Content-Hub' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await user.selectOptions(screen.getByLabelText('Status'), 'published');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Neue Stelle')).toBeInTheDocument();
  });

  it('creates an item with counted share texts, shows rule matches and server errors', async () => {
    const state = useContentServer();
    const { user, router } = renderApp('/content/new', { user: manager });
    await user.click(await screen.findByLabelText(/^Titel/));
    await user.paste('Cloud Summit 2027');
    await user.click(screen.getByLabelText(/^Adresse/));
    await user.paste('https://www.example.com/summit');
    const x = screen.getByLabelText('X');
    await user.click(x);
    await user.paste('Projekt Falkenauge startet');
    expect(screen.getByText('26 / 280 Zeichen')).toBeInTheDocument();
    expect(await screen.findByText(/Gesperrt durch „Projektname“: Falkenauge/)).toBeInTheDocument();
    expect(x).toHaveAttribute('aria-invalid', 'true');

    await user.clear(x);
    await user.paste('a'.repeat(281));
    await user.click(screen.getByRole('button', { name: 'Entwurf anlegen' }));
    expect(await screen.findByText('Höchstens 280 Zeichen.')).toBeInTheDocument();

    await user.clear(x);
    await user.paste('Kommt vorbei!');
    await user.click(screen.getByRole('button', { name: 'Entwurf anlegen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/content/42'));
    const body = state.posted.at(-1);
    expect(body).toMatchObject({ title: 'Cloud Summit 2027', url: 'https://www.example.com/summit', kind: 'article', language: 'de' });
    expect(body?.share_texts).toMatchObject({ x: 'Kommt vorbei!', linkedin: '' });
  });

  it('moves an item through the workflow with a comment', async () => {
    const state = useContentServer();
    const { user } = renderApp('/content/42', { user: manager });
    await user.click(await screen.findByLabelText('Kommentar'));
    await user.paste('Bitte prüfen');
    const picker = screen.getByLabelText('Prüfer:in');
    expect(within(picker).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Beliebige Person aus Kommunikation oder Administration',
      'Anna Adler (Manager:in)',
      'Bernd Berg (Administrator:in)',
    ]);
    await user.selectOptions(picker, 'Anna Adler (Manager:in)');
    await user.click(screen.getByRole('button', { name: 'Zur Prüfung einreichen' }));
    await waitFor(() => expect(state.transitions).toEqual([{ action: 'submit', comment: 'Bitte prüfen', reviewer: 5 }]));
    expect(await screen.findByRole('button', { name: 'Freigeben und veröffentlichen' })).toBeInTheDocument();
    expect(screen.getByText(/Markus Weber: angelegt/)).toBeInTheDocument();
  });

  it('does not offer the author approval of their own item (four-eyes rule) unless an admin allowed it', async () => {
    const state = useContentServer();
    state.item = item({ status: 'in_review', created_by: { id: manager.id, full_name: 'Ich' } });
    renderApp('/content/42', { user: manager });

    expect(await screen.findByText('Sie haben diesen Beitrag verfasst: Freigeben muss eine andere Person (Vier-Augen-Prinzip).')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Freigeben und veröffentlichen' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Änderungen anfordern' })).toBeInTheDocument();
  });

  it('lets an admin allow self-approval; then the author may approve', async () => {
    const state = useContentServer();
    const admin = buildUser({ role: 'admin', id: 9 });
    state.item = item({ status: 'in_review', created_by: { id: 9, full_name: 'Ich' } });
    const { user } = renderApp('/content/review', { user: admin });

    const queue = await screen.findByRole('link', { name: 'Cloud Summit' });
    const entry = queue.closest('li') as HTMLElement;
    expect(within(entry).queryByRole('button', { name: 'Freigeben und veröffentlichen' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /Eigene Beiträge selbst freigeben erlauben/ }));

    await waitFor(() => expect(state.settingsPatches).toEqual([{ allow_self_approval: true }]));
    expect(await within(entry).findByRole('button', { name: 'Freigeben und veröffentlichen' })).toBeInTheDocument();
  });

  it('shows managers the rule without letting them change it', async () => {
    useContentServer();
    renderApp('/content/review', { user: manager });
    expect(await screen.findByRole('checkbox', { name: /Eigene Beiträge selbst freigeben erlauben/ })).toBeDisabled();
  });

  it('links the other language versions', async () => {
    const state = useContentServer();
    state.item = item({ translations: [{ id: 44, language: 'en', title: 'Cloud Summit (EN)', status: 'published' }] });
    renderApp('/content/42', { user: manager });
    const link = await screen.findByRole('link', { name: 'Cloud Summit (EN)' });
    expect(link).toHaveAttribute('href', '/content/44');
  });

  it('is closed to employees', async () => {
    useContentServer();
    const { router } = renderApp('/content', { user: buildUser() });
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
