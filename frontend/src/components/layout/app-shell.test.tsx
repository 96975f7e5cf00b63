import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { buildUser } from '@/testing/mocks/data';
import { renderApp } from '@/testing/test-utils';

async function navLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Hauptnavigation' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('role navigation', () => {
  it('shows an employee their profile, the directory, requests and tokens', async () => {
    renderApp('/', { user: buildUser({ role: 'employee' }) });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Mein Bereich');
    expect(await navLinks()).toEqual(['Start', 'Mein Feed', 'Meine Teilungen', 'Mein Profil', 'Expertenverzeichnis', 'Anfragen', 'Meine Aktivität', 'Verbindungen', 'Erwähnungen', 'Meine Wirkung', 'API-Tokens', 'Meine Daten', 'Beiträge', 'Richtlinien']);
  });

  it('adds the manager workspace and the skill catalogue for managers, without admin links', async () => {
    renderApp('/', { user: buildUser({ role: 'manager' }) });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Manager-Bereich');
    expect(await navLinks()).toEqual([
      'Start',
      'Mein Feed',
      'Meine Teilungen',
      'Mein Profil',
      'Expertenverzeichnis',
      'Anfragen',
      'Meine Aktivität',
      'Verbindungen',
      'Erwähnungen',
      'Meine Wirkung',
      'Analytics',
      'API-Tokens',
      'Meine Daten',
      'Beiträge',
      'Richtlinien',
      'Manager-Bereich',
      'Content-Hub',
      'Kompetenzen',
    ]);
  });

  it('shows the admin links only to admins', async () => {
    renderApp('/', { user: buildUser({ role: 'admin' }) });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Administration');
    expect(await navLinks()).toEqual([
      'Start',
      'Mein Feed',
      'Meine Teilungen',
      'Mein Profil',
      'Expertenverzeichnis',
      'Anfragen',
      'Meine Aktivität',
      'Verbindungen',
      'Erwähnungen',
      'Meine Wirkung',
      'Analytics',
      'API-Tokens',
      'Meine Daten',
      'Beiträge',
      'Richtlinien',
      'Manager-Bereich',
      'Content-Hub',
      'Kompetenzen',
      'Benutzer',
      'Einladungen',
      'Organisation',
      'Protokoll',
      'Datenschutzanfragen',
      'Postausgang',
      'Bereitstellung (SCIM)',
    ]);
  });

  it('sends an employee away from the skill catalogue', async () => {
    const { router } = renderApp('/administration/skills', { user: buildUser({ role: 'employee' }) });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Mein Bereich');
    expect(router.state.location.pathname).toBe('/');
  });

  it('sends a non-admin away from admin pages', async () => {
    const { router } = renderApp('/administration/users', { user: buildUser({ role: 'manager' }) });
    expect(await screen.findByTestId('home-heading')).toHaveTextContent('Manager-Bereich');
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
