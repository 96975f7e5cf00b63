import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { navigation, navigationFor } from '@/components/layout/navigation';
import { routes } from '@/app/routes';
import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

async function groupLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Hauptnavigation' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

/** Every path of the router below the shell (patterns included). */
function shellPaths(): string[] {
  const shell = routes[0]?.children?.find((route) => route.children?.some((child) => child.path === '*'));
  return (shell?.children ?? []).map((route) => route.path ?? '/').filter((path) => path !== '*');
}

describe('role navigation', () => {
  it('gives an employee four groups: share, profile, requests, impact', async () => {
    renderApp('/', { user: buildUser({ role: 'employee' }) });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Hallo, Erika');
    expect(await groupLinks()).toEqual(['Teilen', 'Mein Profil', 'Anfragen', 'Wirkung']);
  });

  it('gives managers content, and their impact under analytics', async () => {
    renderApp('/', { user: buildUser({ role: 'manager' }) });
    expect(await groupLinks()).toEqual(['Teilen', 'Mein Profil', 'Anfragen', 'Analytics', 'Inhalte']);
  });

  it('adds administration for admins and stays within six entries', async () => {
    renderApp('/', { user: buildUser({ role: 'admin' }) });
    expect(await groupLinks()).toEqual(['Teilen', 'Mein Profil', 'Anfragen', 'Analytics', 'Inhalte', 'Administration']);
  });

  it('reaches every page of the router from the navigation, the user menu or the start page', () => {
    const reachable = new Set<string>(['/']);
    for (const group of navigation) for (const page of group.pages) [page.to, ...(page.also ?? [])].forEach((path) => reachable.add(path));
    const userMenuPaths = ['/notifications', '/settings/privacy', '/settings/tokens'];
    userMenuPaths.forEach((path) => reachable.add(path));
    // The old manager workspace redirects to the start page.
    const missing = shellPaths().filter((path) => !reachable.has(path) && path !== '/manager');
    expect(missing).toEqual([]);
    for (const role of ['employee', 'manager', 'admin'] as const) expect(navigationFor(role).length).toBeLessThanOrEqual(6);
  });

  it('shows the pages of the current group as section tabs and marks the group', async () => {
    renderApp('/shares', { user: buildUser() });
    server.use(http.get(url('shares/'), () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })));
    const tabs = await screen.findByRole('navigation', { name: 'Bereich Teilen' });
    expect(within(tabs).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Mein Feed',
      'Meine Teilungen',
      'Alle Beiträge',
      'Beitrag vorschlagen',
      'Richtlinien',
    ]);
    expect(within(tabs).getByRole('link', { name: 'Meine Teilungen' })).toHaveAttribute('aria-current', 'page');
    const main = screen.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(within(main).getByRole('link', { name: 'Teilen' })).toHaveAttribute('aria-current', 'true');
    expect(within(main).getByRole('link', { name: 'Mein Profil' })).not.toHaveAttribute('aria-current');
  });

  it('keeps tokens, privacy, notifications and the language in the user menu', async () => {
    const { user } = renderApp('/', { user: buildUser() });
    const toggle = await screen.findByRole('button', { name: /^Benutzermenü:\s*Erika Mustermann/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const menu = screen.getByRole('navigation', { name: 'Persönliche Einstellungen' });
    expect(within(menu).getAllByRole('link').map((link) => link.textContent)).toEqual(['Benachrichtigungen', 'Meine Daten', 'API-Tokens']);
    expect(screen.getByRole('group', { name: 'Sprache' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('navigation', { name: 'Persönliche Einstellungen' })).not.toBeInTheDocument();
    expect(toggle).toHaveFocus();
  });

  it('renders the bell as an SVG icon with the unread count in its name, without emoji', async () => {
    server.use(http.get(url('notifications/unread/'), () => HttpResponse.json({ unread: 3 })));
    renderApp('/', { user: buildUser() });
    const bell = await screen.findByRole('link', { name: 'Benachrichtigungen (3 ungelesen)' });
    expect(bell.querySelector('svg[data-icon="bell"]')).not.toBeNull();
    expect(bell).toHaveTextContent('3');
    expect(document.body.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('sends an employee away from the skill catalogue', async () => {
    const { router } = renderApp('/administration/skills', { user: buildUser({ role: 'employee' }) });
    expect(await screen.findByTestId('home-heading')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('sends a non-admin away from admin pages', async () => {
    const { router } = renderApp('/administration/users', { user: buildUser({ role: 'manager' }) });
    expect(await screen.findByTestId('home-heading')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('sends the old manager workspace to the start page', async () => {
    const { router } = renderApp('/manager', { user: buildUser({ role: 'manager' }) });
    expect(await screen.findByTestId('home-heading')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('renders a 404 page inside the shell', async () => {
    renderApp('/gibt-es-nicht', { user: buildUser() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Zum Inhalt springen' })).toHaveAttribute('href', '#main-content');
  });

  it('logs out and returns to the login page', async () => {
    const { user, router } = renderApp('/', { user: buildUser() });
    await user.click(await screen.findByRole('button', { name: /Erika Mustermann/ }));
    await user.click(screen.getByRole('button', { name: 'Abmelden' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Anmelden' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
