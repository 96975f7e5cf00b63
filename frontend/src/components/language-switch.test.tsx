import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { LANGUAGE_STORAGE_KEY } from '@/config/constants';
import { buildUser } from '@/testing/mocks/data';
import { server, session, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('language switch', () => {
  it('switches visible strings from German to English and remembers the choice', async () => {
    const patched: unknown[] = [];
    server.use(
      http.patch(url('auth/me/'), async ({ request }) => {
        const body = (await request.json()) as { language: 'de' | 'en' };
        patched.push(body);
        session.me = buildUser({ language: body.language });
        return HttpResponse.json(session.me);
      }),
    );
    const { user } = renderApp('/', { user: buildUser() });

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Hallo, Erika');
    expect(screen.getByRole('link', { name: 'Teilen' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');

    // The language switch lives in the user menu.
    await user.click(screen.getByRole('button', { name: /Benutzermenü/ }));
    const [headerSwitch] = screen.getAllByRole('button', { name: 'English' });
    if (!headerSwitch) throw new Error('language switch missing');
    await user.click(headerSwitch);

    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Hello, Erika');
    expect(screen.getByRole('link', { name: 'Share' })).toBeInTheDocument();
    expect(screen.queryByText('Hallo, Erika')).not.toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(patched).toEqual([{ language: 'en' }]));
  });

  it('works on the login page before anyone is logged in', async () => {
    const { user } = renderApp('/login');
    await user.click(await screen.findByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toBeInTheDocument();
  });
});
