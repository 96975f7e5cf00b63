import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const ITEM = {
  id: 7, slug: 'k8s', kind: 'article', title: 'Kubernetes im Mittelstand', summary: '', url: 'https://e.example/k8s',
  image_url: '', language: 'de', translation_group: 'g', topics: [], departments: [], locations: [], share_texts: [],
  status: 'in_review', important: false, starts_at: null, expires_at: null, published_at: null,
  reviewer: { id: 3, full_name: 'Sabine Krüger' }, created_by: null, suggested_by: null, suggestion_note: '',
  source_id: null, created_at: '2026-11-22T10:00:00Z', updated_at: '2026-11-22T10:00:00Z',
};

describe('ReviewQueuePage', () => {
  it('sends an item back with a comment from the queue', async () => {
    const transitions: unknown[] = [];
    let queue = [ITEM];
    server.use(
      http.get(url('content/review-queue/'), () => HttpResponse.json(page(queue))),
      http.get(url('content/settings/'), () => HttpResponse.json({ allow_self_approval: false, updated_at: '2026-11-22T10:00:00Z' })),
      http.post(url('content/items/:id/transition/'), async ({ request, params }) => {
        transitions.push({ id: params.id, ...((await request.json()) as object) });
        queue = [];
        return HttpResponse.json({ ...ITEM, status: 'draft' });
      }),
    );
    const { user } = renderApp('/content/review', { user: buildUser({ role: 'manager' }) });
    const comment = await screen.findByLabelText('Kommentar zu Kubernetes im Mittelstand');
    await user.click(comment);
    await user.paste('Bitte Quelle ergänzen');
    await user.click(screen.getByRole('button', { name: 'Änderungen anfordern' }));
    await waitFor(() => expect(transitions).toEqual([{ id: '7', action: 'request_changes', comment: 'Bitte Quelle ergänzen' }]));
    expect(await screen.findByText('Nichts zu prüfen.')).toBeInTheDocument();
  });
});
