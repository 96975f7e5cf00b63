import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('SuggestContentPage', () => {
  it('sends a link with a note and lists my suggestions', async () => {
    const sent: { url: string; note: string }[] = [];
    let mine: Record<string, unknown>[] = [];
    server.use(
      http.get(url('content/suggestions/'), () => HttpResponse.json(page(mine))),
      http.post(url('content/suggestions/'), async ({ request }) => {
        const body = (await request.json()) as { url: string; note: string };
        sent.push(body);
        if (!body.url.startsWith('https://')) {
          return HttpResponse.json(apiError('Ungültig.', 'content_url_invalid', { url: ['Bitte eine Webadresse (https://…).'] }), { status: 400 });
        }
        mine = [{ id: 5, url: body.url, title: 'blog.example', suggestion_note: body.note, status: 'draft', created_at: '2026-11-22T12:00:00Z' }];
        return HttpResponse.json(mine[0], { status: 201 });
      }),
    );
    const { user } = renderApp('/content/suggest', { user: buildUser() });
    const link = await screen.findByLabelText(/^Link/);
    await user.type(link, 'ftp://x');
    await user.click(screen.getByRole('button', { name: 'Vorschlagen' }));
    expect(await screen.findByText('Bitte eine Webadresse (https://…).')).toBeInTheDocument();

    await user.clear(link);
    await user.type(link, 'https://blog.example/k8s');
    await user.type(screen.getByLabelText('Notiz'), 'Passt gut');
    await user.click(screen.getByRole('button', { name: 'Vorschlagen' }));
    await waitFor(() => expect(sent.at(-1)).toEqual({ url: 'https://blog.example/k8s', note: 'Passt gut' }));
    expect(await screen.findByText('Danke! Ihr Vorschlag ist in der Prüfung.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'blog.example' })).toHaveAttribute('href', 'https://blog.example/k8s');
  });
});
