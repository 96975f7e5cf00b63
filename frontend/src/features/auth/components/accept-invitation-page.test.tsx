import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildUser } from '@/testing/mocks/data';
import { server, session, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const invited = buildUser({ id: 42, email: 'neu@example.com', first_name: 'Nora', last_name: 'Neu', full_name: 'Nora Neu' });

describe('AcceptInvitationPage', () => {
  it('shows the invited address, posts the password and lands on the home page logged in', async () => {
    const posted: unknown[] = [];
    server.use(
      http.get(url('auth/invitations/tok-123/'), () =>
        HttpResponse.json({
          email: 'neu@example.com',
          first_name: 'Nora',
          last_name: 'Neu',
          role: 'employee',
          expires_at: '2030-01-01T00:00:00Z',
        }),
      ),
      http.post(url('auth/invitations/accept/'), async ({ request }) => {
        posted.push(await request.json());
        session.me = invited;
        return HttpResponse.json(invited);
      }),
    );
    const { user, router } = renderApp('/invite/tok-123');

    expect(await screen.findByTestId('invitation-email')).toHaveTextContent('neu@example.com');
    await user.type(screen.getByLabelText('Neues Passwort'), 'Sehr-sicheres-Passwort-1');
    await user.type(screen.getByLabelText('Passwort wiederholen'), 'Sehr-sicheres-Passwort-2');
    await user.click(screen.getByRole('button', { name: 'Konto aktivieren' }));

    expect(screen.getByText('Die Passwörter stimmen nicht überein.')).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.clear(screen.getByLabelText('Passwort wiederholen'));
    await user.type(screen.getByLabelText('Passwort wiederholen'), 'Sehr-sicheres-Passwort-1');
    await user.click(screen.getByRole('button', { name: 'Konto aktivieren' }));

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Hallo, ');
    expect(router.state.location.pathname).toBe('/');
    expect(posted).toEqual([{ token: 'tok-123', password: 'Sehr-sicheres-Passwort-1' }]);
  });

  it('shows password validator messages under the password field', async () => {
    server.use(
      http.get(url('auth/invitations/tok-123/'), () =>
        HttpResponse.json({ email: 'neu@example.com', role: 'employee', expires_at: '2030-01-01T00:00:00Z' }),
      ),
      http.post(url('auth/invitations/accept/'), () =>
        HttpResponse.json(apiError('Ungültige Eingabe.', 'invalid', { password: ['Dieses Passwort ist zu kurz.'] }), {
          status: 400,
        }),
      ),
    );
    const { user } = renderApp('/invite/tok-123');

    await user.type(await screen.findByLabelText('Neues Passwort'), 'kurz');
    await user.type(screen.getByLabelText('Passwort wiederholen'), 'kurz');
    await user.click(screen.getByRole('button', { name: 'Konto aktivieren' }));

    expect(await screen.findByText('Dieses Passwort ist zu kurz.')).toBeInTheDocument();
    expect(screen.getByLabelText('Neues Passwort')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Ungültige Eingabe.');
  });

  it('explains an unknown or used invitation', async () => {
    server.use(
      http.get(url('auth/invitations/alt/'), () =>
        HttpResponse.json(apiError('Diese Einladung ist nicht mehr gültig.', 'invitation_invalid'), { status: 404 }),
      ),
    );
    renderApp('/invite/alt');

    expect(await screen.findByRole('alert')).toHaveTextContent('Diese Einladung ist nicht mehr gültig.');
    expect(screen.queryByLabelText('Neues Passwort')).not.toBeInTheDocument();
  });
});
