import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { browser } from '@/features/connections/api/networks';
import { apiError, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const FLAGS = { configured: true, missing_settings: [] as string[], sign_in: true, post_via_api: true, import_posts: false, import_metrics: false, share_intent: true };
const PROVIDERS = [
  { key: 'blog', name: 'Blog', description: 'Feeds', can_connect: true, ...FLAGS, sign_in: false, post_via_api: false, import_posts: true, share_intent: false, share_intent_template: '' },
  { key: 'linkedin', name: 'LinkedIn', description: 'Anmelden und teilen', can_connect: true, ...FLAGS, share_intent_template: 'https://www.linkedin.com/sharing/share-offsite/?url={url}' },
  { key: 'xing', name: 'XING', description: 'Profil-Link', can_connect: true, ...FLAGS, sign_in: false, post_via_api: false, share_intent_template: 'https://www.xing.com/spi/shares/new?url={url}' },
  { key: 'mastodon', name: 'Mastodon', description: 'Offene API', can_connect: true, ...FLAGS, import_posts: true, import_metrics: true, share_intent_template: '{instance}/share?text={text}%20{url}' },
];

function connection(overrides = {}) {
  return {
    id: 7, provider: 'linkedin', url: '', title: 'Erika Mustermann', feed_url: '', feed_kind: '', status: 'connected',
    last_sync_at: null, last_error: '', last_error_code: '', created_at: '2026-11-20T10:00:00Z', history: { status: '', imported: 0, total: null }, instance_url: '',
    external_account_id: 'abc', expires_at: '2027-01-20T10:00:00Z', scopes: 'openid profile email w_member_social',
    followers: null, needs_reconsent: false, can_post: true, suggestions: {}, ...overrides,
  };
}

function useNetworksServer(connections: ReturnType<typeof connection>[] = [], providers: typeof PROVIDERS = PROVIDERS) {
  const state = { connections, started: [] as unknown[], completed: [] as unknown[], applied: [] as unknown[], deleted: [] as string[] };
  server.use(
    http.get(url('connections/'), () => HttpResponse.json({ providers, connections: state.connections })),
    http.get(url('activity/'), () => HttpResponse.json(page([]))),
    http.post(url('connections/oauth/start/'), async ({ request }) => {
      const body = (await request.json()) as { provider: string; instance?: string };
      state.started.push(body);
      if (body.provider === 'linkedin' && 'instance' in body) {
        return HttpResponse.json(apiError('Bitte korrigieren Sie die markierten Felder.', 'validation_error', { instance: ['Darf nicht leer sein.'] }), { status: 400 });
      }
      if (body.provider === 'mastodon' && !body.instance?.includes('.')) {
        return HttpResponse.json(apiError('Ungültig.', 'instance_invalid', { instance: ['Bitte die Adresse deiner Instanz.'] }), { status: 400 });
      }
      return HttpResponse.json({ authorize_url: `https://${body.instance || 'www.linkedin.com'}/oauth/authorize?state=s` });
    }),
    http.post(url('connections/oauth/callback/'), async ({ request }) => {
      const body = (await request.json()) as { code: string };
      state.completed.push(body);
      if (body.code === 'bad') return HttpResponse.json(apiError('Dieser Link ist abgelaufen.', 'oauth_state_invalid'), { status: 400 });
      state.connections = [connection({ provider: 'mastodon', id: 8, title: 'Erika M.', instance_url: 'https://social.example', followers: 321, expires_at: null })];
      return HttpResponse.json(state.connections[0], { status: 201 });
    }),
    http.post(url('connections/:id/suggestions/apply/'), async ({ request }) => {
      state.applied.push(await request.json());
      return HttpResponse.json(state.connections[0]);
    }),
    http.delete(url('connections/:id/'), ({ params }) => {
      state.deleted.push(String(params.id));
      state.connections = [];
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return state;
}

afterEach(() => vi.restoreAllMocks());

describe('Network cards', () => {
  it('connects Mastodon through the instance the employee enters and shows field errors', async () => {
    const redirect = vi.spyOn(browser, 'redirect').mockImplementation(() => undefined);
    const state = useNetworksServer();
    const { user } = renderApp('/connections', { user: buildUser() });

    const card = (await screen.findByRole('heading', { name: 'Mastodon', level: 2 })).closest('section') as HTMLElement;
    const field = within(card).getByLabelText('Ihre Mastodon-Instanz');
    await user.type(field, 'kaputt');
    await user.click(within(card).getByRole('button', { name: 'Mastodon verbinden' }));
    expect(await within(card).findByText('Bitte die Adresse deiner Instanz.')).toBeInTheDocument();
    expect(redirect).not.toHaveBeenCalled();

    await user.clear(field);
    await user.type(field, 'social.example');
    await user.click(within(card).getByRole('button', { name: 'Mastodon verbinden' }));

    await waitFor(() => expect(redirect).toHaveBeenCalledWith('https://social.example/oauth/authorize?state=s'));
    expect(state.started.at(-1)).toEqual({ instance: 'social.example', provider: 'mastodon' });
  });

  it('shows expiry and re-consent for LinkedIn and reconnects that connection', async () => {
    const redirect = vi.spyOn(browser, 'redirect').mockImplementation(() => undefined);
    const state = useNetworksServer([
      connection({ needs_reconsent: true, status: 'needs_reconsent', can_post: false, last_error: 'Bitte neu verbinden.' }),
    ]);
    const { user } = renderApp('/connections', { user: buildUser() });

    const card = (await screen.findByRole('heading', { name: 'LinkedIn', level: 2 })).closest('section') as HTMLElement;
    expect(within(card).getAllByText('Zustimmung erneuern').length).toBeGreaterThan(0);
    expect(within(card).getByText('Zugriff endet am')).toBeInTheDocument();
    expect(within(card).getByText(/20\.01\.2027/)).toBeInTheDocument();
    expect(within(card).getByText(/Bitte neu verbinden\./)).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'LinkedIn verbinden' })).toBeNull();

    await user.click(within(card).getByRole('button', { name: 'Erika Mustermann neu verbinden' }));

    await waitFor(() => expect(redirect).toHaveBeenCalledTimes(1));
    // No instance for LinkedIn: an empty one is what made "Neu verbinden" fail with nothing marked.
    expect(state.started).toEqual([{ provider: 'linkedin', connection_id: 7 }]);
    expect(within(card).queryByRole('alert')).toBeNull();
  });

  it('applies a suggested name and disconnects after confirming', async () => {
    const state = useNetworksServer([connection({ suggestions: { name: 'Erika Mustermann', given_name: 'Erika' } })]);
    const { user } = renderApp('/connections', { user: buildUser() });

    const card = (await screen.findByRole('heading', { name: 'LinkedIn', level: 2 })).closest('section') as HTMLElement;
    await user.click(within(card).getByRole('button', { name: 'Diesen Namen verwenden' }));
    expect(await within(card).findByText('In Ihr Profil übernommen.')).toBeInTheDocument();
    expect(state.applied).toEqual([{ apply: ['name'] }]);

    await user.click(within(card).getByRole('button', { name: 'Erika Mustermann trennen' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Trennen' }));
    await waitFor(() => expect(state.deleted).toEqual(['7']));
    expect(await within(card).findByRole('button', { name: 'LinkedIn verbinden' })).toBeInTheDocument();
  });
});

describe('Networks this installation has not set up', () => {
  const unconfigured = PROVIDERS.map((provider) =>
    provider.key === 'linkedin'
      ? { ...provider, configured: false, can_connect: false, missing_settings: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'] }
      : provider,
  );

  it('shows admins what is missing and how to set it up, with no connect button', async () => {
    useNetworksServer([], unconfigured);
    renderApp('/connections', { user: buildUser({ role: 'admin' }) });

    const card = (await screen.findByRole('heading', { name: 'LinkedIn', level: 2 })).closest('section') as HTMLElement;
    expect(within(card).getByText(/LinkedIn ist für diese Installation nicht eingerichtet/)).toBeInTheDocument();
    expect(within(card).getByText('LINKEDIN_CLIENT_ID')).toBeInTheDocument();
    expect(within(card).getByText('LINKEDIN_CLIENT_SECRET')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'LinkedIn verbinden' })).toBeNull();
  });

  it('offers employees only the networks the server lists', async () => {
    useNetworksServer(
      [],
      PROVIDERS.filter((provider) => provider.key !== 'linkedin'),
    );
    renderApp('/connections', { user: buildUser() });

    expect(await screen.findByRole('heading', { name: 'Mastodon', level: 2 })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'LinkedIn', level: 2 })).toBeNull();
    expect(screen.queryByText(/LINKEDIN_CLIENT_ID/)).toBeNull();
  });
});

describe('OAuth callback page', () => {
  it('hands code and state to the server once and returns to the connections', async () => {
    const state = useNetworksServer();
    const { router } = renderApp('/connections/callback/mastodon?code=abc&state=xyz', { user: buildUser() });

    expect(await screen.findByText('Mastodon ist verbunden.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connections');
    expect(state.completed).toEqual([{ provider: 'mastodon', code: 'abc', state: 'xyz' }]);
    const card = screen.getByRole('heading', { name: 'Mastodon', level: 2 }).closest('section') as HTMLElement;
    expect(within(card).getByText('321')).toBeInTheDocument();
  });

  it('shows the server error for a stale state and a denial without calling the server', async () => {
    const state = useNetworksServer();
    renderApp('/connections/callback/mastodon?code=bad&state=xyz', { user: buildUser() });
    expect(await screen.findByText('Dieser Link ist abgelaufen.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Zurück zu den Verbindungen' })).toHaveAttribute('href', '/connections');

    renderApp('/connections/callback/linkedin?error=user_cancelled_authorize&state=xyz', { user: buildUser() });
    expect(await screen.findByText('Die Verbindung zu LinkedIn wurde nicht bestätigt.')).toBeInTheDocument();
    expect(state.completed).toHaveLength(1);
  });
});
