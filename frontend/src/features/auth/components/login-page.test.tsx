import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildUser } from '@/testing/mocks/data';
import { server, session, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const manager = buildUser({ id: 7, role: 'manager', first_name: 'Max', full_name: 'Max Muster' });

describe('LoginPage', () => {
  it('links to the public expert directory, which needs no login', async () => {
    server.use(http.get(url('public/experts/'), () => HttpResponse.json({ count: 0, next: null, previous: null, results: [], facets: { skill: [], language: [], location: [], department: [], availability: [], level: [] }, suggestions: [] })));
    const { user, router } = renderApp('/login');
    await user.click(await screen.findByRole('link', { name: 'Öffentliches Expertenverzeichnis ansehen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Unsere Expert:innen' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/experts');
  });

  it('logs in with the entered credentials and shows the role home', async () => {
    const requests: { body: unknown; csrf: string | null; language: string | null }[] = [];
    server.use(
      http.post(url('auth/login/'), async ({ request }) => {
        requests.push({
          body: await request.json(),
          csrf: request.headers.get('X-CSRFToken'),
          language: request.headers.get('Accept-Language'),
        });
        session.me = manager;
        return HttpResponse.json(manager);
      }),
    );
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText('E-Mail-Adresse'), ' max@example.com ');
    await user.type(screen.getByLabelText('Passwort'), 'geheim123');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Hallo, Max');
    expect(router.state.location.pathname).toBe('/');
    expect(requests).toEqual([
      { body: { email: 'max@example.com', password: 'geheim123' }, csrf: 'test-csrf-token', language: 'de' },
    ]);
  });

  it('sends a logged-out visitor to /login and back to the page they wanted', async () => {
    server.use(
      http.post(url('auth/login/'), () => {
        session.me = manager;
        return HttpResponse.json(manager);
      }),
    );
    const { user, router } = renderApp('/settings/tokens');

    await user.type(await screen.findByLabelText('E-Mail-Adresse'), 'max@example.com');
    expect(router.state.location.pathname).toBe('/login');
    await user.type(screen.getByLabelText('Passwort'), 'geheim123');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'API-Tokens' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/settings/tokens');
  });

  it('shows the server message on 400 and stays on the login page', async () => {
    server.use(
      http.post(url('auth/login/'), () =>
        HttpResponse.json(apiError('E-Mail-Adresse oder Passwort ist falsch.', 'invalid_credentials'), {
          status: 400,
        }),
      ),
    );
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText('E-Mail-Adresse'), 'max@example.com');
    await user.type(screen.getByLabelText('Passwort'), 'falsch');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('E-Mail-Adresse oder Passwort ist falsch.');
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByTestId('home-heading')).not.toBeInTheDocument();
  });

  it('shows field messages under the matching input', async () => {
    server.use(
      http.post(url('auth/login/'), () =>
        HttpResponse.json(
          apiError('Ungültige Eingabe.', 'invalid', { email: ['Geben Sie eine gültige E-Mail-Adresse ein.'] }),
          { status: 400 },
        ),
      ),
    );
    const { user } = renderApp('/login');

    await user.type(await screen.findByLabelText('E-Mail-Adresse'), 'kaputt');
    await user.type(screen.getByLabelText('Passwort'), 'x');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    const email = await screen.findByLabelText('E-Mail-Adresse');
    await within(document.body).findByText('Geben Sie eine gültige E-Mail-Adresse ein.');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Geben Sie eine gültige E-Mail-Adresse ein.');
  });
});

describe('single sign-on', () => {
  it('offers the company login when the server has it configured', async () => {
    server.use(
      http.get(url('auth/config/'), () =>
        HttpResponse.json({ sso: { enabled: true, label: 'Mit Ihrem Firmenkonto anmelden', login_url: '/api/v1/auth/sso/start/' }, password_login: true }),
      ),
    );
    renderApp('/login?redirectTo=%2Finbox');

    expect(await screen.findByRole('link', { name: 'Mit Ihrem Firmenkonto anmelden' })).toHaveAttribute(
      'href',
      '/api/v1/auth/sso/start/?next=%2Finbox',
    );
  });

  it('shows no company login without a configured provider', async () => {
    renderApp('/login');
    expect(await screen.findByRole('button', { name: 'Anmelden' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Firmenkonto/ })).not.toBeInTheDocument();
  });

  it('says why single sign-on failed, and ignores reasons it does not know', async () => {
    const { unmount } = renderApp('/login?sso=failed&reason=token');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Die Anmeldung mit dem Firmenkonto ist fehlgeschlagen. Bitte versuchen Sie es erneut oder melden Sie sich mit Passwort an. Die Antwort des Anmeldedienstes konnte nicht bestätigt werden',
    );
    unmount();

    renderApp('/login?sso=failed&reason=%3Cscript%3E');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Die Anmeldung mit dem Firmenkonto ist fehlgeschlagen. Bitte versuchen Sie es erneut oder melden Sie sich mit Passwort an.',
    );
  });
});
