import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const EVENT = {
  id: 1,
  created_at: '2026-11-20T10:00:00Z',
  actor: 3,
  actor_label: 'Sabine Krüger <sabine@example.com>',
  actor_role: 'admin',
  action: 'user.update',
  target_type: 'accounts.user',
  target_id: '7',
  target_label: 'lena@example.com',
  changes: { role: ['employee', 'manager'] },
  request_id: 'abc',
};

describe('AuditPage', () => {
  it('lists events and exports the same selection', async () => {
    const searches: (string | null)[] = [];
    server.use(
      http.get(url('audit-log/'), ({ request }) => {
        searches.push(new URL(request.url).searchParams.get('search'));
        return HttpResponse.json(page([EVENT]));
      }),
    );
    const { user } = renderApp('/administration/audit', { user: buildUser({ role: 'admin' }) });

    expect(await screen.findByRole('rowheader', { name: 'Sabine Krüger <sabine@example.com>' })).toBeInTheDocument();
    expect(screen.getByText('{"role":["employee","manager"]}')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Suche (Person, Objekt, Aktion)'), 'lena');

    await waitFor(() => expect(searches.at(-1)).toBe('lena'));
    expect(screen.getByRole('link', { name: 'Als CSV exportieren' })).toHaveAttribute('href', '/api/v1/audit-log/export/?search=lena');
  });

  it('is for admins only', async () => {
    const { router } = renderApp('/administration/audit', { user: buildUser({ role: 'manager' }) });
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
