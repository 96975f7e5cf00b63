import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const PROVIDERS = [
  { key: 'blog', name: 'Blog', description: 'RSS, Atom, JSON Feed, WordPress', can_connect: true, configured: true, missing_settings: [], sign_in: false, post_via_api: false, import_posts: true, import_metrics: false, share_intent: false },
  { key: 'xing', name: 'XING', description: 'Profil-Link und Teilen', can_connect: false, configured: true, missing_settings: [], sign_in: false, post_via_api: false, import_posts: false, import_metrics: false, share_intent: true },
];

function connection(overrides = {}) {
  return {
    id: 5, provider: 'blog', url: 'https://lena.example', title: 'Lenas Cloud-Blog', feed_url: 'https://lena.example/feed',
    feed_kind: 'rss', status: 'connected', last_sync_at: '2026-11-22T10:00:00Z', last_error: '', last_error_code: '',
    created_at: '2026-11-20T10:00:00Z', history: { status: '', imported: 0, total: null }, ...overrides,
  };
}

const POST = {
  id: 9, connection_id: 5, provider: 'blog', url: 'https://lena.example/k8s', title: 'Kubernetes im Mittelstand',
  summary: '<p>Warum <strong>K8s</strong><script>alert(1)</script></p>', published_at: '2026-11-01T08:00:00Z',
  show_on_profile: false, created_at: '2026-11-22T10:00:00Z',
};

function useConnectionsServer() {
  const state = { connections: [] as ReturnType<typeof connection>[], posted: [] as unknown[], patched: [] as unknown[], synced: [] as string[] };
  let post = { ...POST };
  server.use(
    http.get(url('connections/'), () => HttpResponse.json({ providers: PROVIDERS, connections: state.connections })),
    http.post(url('connections/'), async ({ request }) => {
      const body = (await request.json()) as { url: string };
      state.posted.push(body);
      if (!body.url.startsWith('https://')) {
        return HttpResponse.json({ message: 'Ungültig.', code: 'url_invalid', extra: { fields: { url: ['Bitte eine https-Adresse.'] } } }, { status: 400 });
      }
      state.connections = [connection({ url: body.url })];
      return HttpResponse.json(state.connections[0], { status: 201 });
    }),
    http.post(url('connections/:id/sync/'), ({ params }) => {
      state.synced.push(String(params.id));
      return HttpResponse.json(state.connections[0]);
    }),
    http.get(url('activity/'), () => HttpResponse.json(page(state.connections.length ? [post] : []))),
    http.patch(url('activity/:id/'), async ({ request }) => {
      const body = (await request.json()) as { show_on_profile: boolean };
      state.patched.push(body);
      post = { ...post, show_on_profile: body.show_on_profile };
      return HttpResponse.json(post);
    }),
  );
  return state;
}

describe('ConnectionsPage', () => {
  it('shows how much of a blog\'s history is imported, and when it is done', async () => {
    const state = useConnectionsServer();
    state.connections = [connection({ history: { status: 'running', imported: 312, total: 340 } })];
    renderApp('/connections', { user: buildUser() });
    expect(await screen.findByText('312 von 340 Beiträgen importiert', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '312 von 340 Beiträgen importiert' })).toHaveAttribute('value', '312');
  });

  it('shows a finished history import without a progress bar', async () => {
    const state = useConnectionsServer();
    state.connections = [connection({ history: { status: 'done', imported: 17, total: 17 } })];
    renderApp('/connections', { user: buildUser() });
    expect(await screen.findByText('17 von 17 Beiträgen importiert', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('connects a blog and links to the imported posts', async () => {
    const state = useConnectionsServer();
    const { user } = renderApp('/connections', { user: buildUser() });

    expect(await screen.findByRole('list', { name: 'Möglichkeiten von XING' })).toHaveTextContent('Teilen-Link: ja');
    await user.type(screen.getByLabelText('Adresse Ihres Blogs'), 'https://lena.example');
    await user.click(screen.getByRole('button', { name: 'Blog verbinden' }));

    expect(await screen.findByRole('rowheader', { name: /Lenas Cloud-Blog/ })).toBeInTheDocument();
    expect(state.posted).toEqual([{ provider: 'blog', url: 'https://lena.example' }]);
    // Imported posts live on "My activity" (features/activity); this page links there.
    const activityCard = screen.getByRole('heading', { name: 'Meine Aktivität', level: 2 }).closest('section') as HTMLElement;
    expect(within(activityCard).getByRole('link', { name: 'Meine Aktivität' })).toHaveAttribute('href', '/activity');

    await user.click(screen.getByRole('button', { name: 'Jetzt abgleichen' }));
    await waitFor(() => expect(state.synced).toEqual(['5']));
  });

  it('shows the server error under the address field', async () => {
    useConnectionsServer();
    const { user } = renderApp('/connections', { user: buildUser() });

    await user.type(await screen.findByLabelText('Adresse Ihres Blogs'), 'http://intern');
    await user.click(screen.getByRole('button', { name: 'Blog verbinden' }));

    expect(await screen.findByText('Bitte eine https-Adresse.')).toBeInTheDocument();
  });
});
