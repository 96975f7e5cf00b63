import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('InvitationsPage', () => {
  it('sends the invitation in the language the admin chose', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get(url('users/invitations/'), () => HttpResponse.json(page([]))),
      http.post(url('users/invitations/'), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        return HttpResponse.json({ id: 1, email: body.email, status: 'pending' }, { status: 201 });
      }),
    );
    const { user } = renderApp('/administration/invitations', { user: buildUser({ role: 'admin' }) });

    await user.type(await screen.findByLabelText(/E-Mail/, {}, { timeout: 10_000 }), 'new@example.com');
    expect(screen.getByLabelText('Sprache der Einladung')).toHaveValue(''); // the company default
    await user.selectOptions(screen.getByLabelText('Sprache der Einladung'), 'en');
    await user.click(screen.getByRole('button', { name: 'Einladung senden' }));

    expect(await screen.findByText(/new@example.com/)).toBeInTheDocument();
    expect(bodies).toEqual([expect.objectContaining({ email: 'new@example.com', language: 'en' })]);
  });
});
