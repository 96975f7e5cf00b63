import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function useNotificationsServer() {
  const state = {
    items: [
      { id: 1, kind: 'content_important', title: 'Wichtig: Cloud Summit', url: '/content/available', read_at: null, created_at: '2026-11-22T10:00:00Z' },
      { id: 2, kind: 'guideline', title: 'Neue Richtlinie', url: '/guidelines', read_at: '2026-11-22T09:00:00Z', created_at: '2026-11-21T10:00:00Z' },
    ],
    read: [] as unknown[],
    digest: 'weekly',
  };
  server.use(
    http.get(url('notifications/unread/'), () => HttpResponse.json({ unread: state.items.filter((n) => !n.read_at).length })),
    http.get(url('notifications/'), () => HttpResponse.json(page(state.items))),
    http.post(url('notifications/read/'), async ({ request }) => {
      const body = (await request.json()) as { ids?: number[] };
      state.read.push(body);
      state.items = state.items.map((n) => (!body.ids || body.ids.includes(n.id) ? { ...n, read_at: n.read_at ?? '2026-11-22T12:00:00Z' } : n));
      return HttpResponse.json({ unread: 0 });
    }),
    http.get(url('notifications/preference/'), () => HttpResponse.json({ digest: state.digest })),
    http.put(url('notifications/preference/'), async ({ request }) => {
      state.digest = ((await request.json()) as { digest: string }).digest;
      return HttpResponse.json({ digest: state.digest });
    }),
  );
  return state;
}

describe('Notifications', () => {
  it('shows the unread count in the bell, marks read and saves the digest preference', async () => {
    const state = useNotificationsServer();
    const { user } = renderApp('/notifications', { user: buildUser() });
    const bell = await screen.findByRole('link', { name: 'Benachrichtigungen (1 ungelesen)' });
    expect(within(bell).getByText('1')).toBeInTheDocument();
    await screen.findByText('Wichtig: Cloud Summit');
    await user.click(screen.getByRole('button', { name: 'Wichtig: Cloud Summit als gelesen markieren' }));
    await waitFor(() => expect(state.read).toEqual([{ ids: [1] }]));
    await screen.findByRole('link', { name: 'Benachrichtigungen (0 ungelesen)' });

    const digest = await screen.findByLabelText('Neue passende Beiträge per E-Mail');
    expect(digest).toHaveValue('weekly');
    await user.selectOptions(digest, 'daily');
    await waitFor(() => expect(state.digest).toBe('daily'));
    expect(await screen.findByText('Gespeichert.')).toBeInTheDocument();
  });
});
