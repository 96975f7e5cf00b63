import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { ScimToken } from '@/features/scim-tokens/api/scim-tokens';
import { apiError, buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const ENTRA: ScimToken = {
  id: 3,
  name: 'Microsoft Entra ID',
  created_at: '2026-11-02T08:00:00Z',
  created_by: 'Ada Admin',
  last_used_at: '2026-12-06T07:40:00Z',
};
const OKTA: ScimToken = { ...ENTRA, id: 4, name: 'Okta', created_by: '', last_used_at: null };

/** A small SCIM-token store behind the real endpoints. */
function useScimTokenServer(initial: ScimToken[]) {
  let tokens = [...initial];
  const created: unknown[] = [];
  const revoked: number[] = [];
  server.use(
    http.get(url('scim-tokens/'), () => HttpResponse.json(page(tokens))),
    http.post(url('scim-tokens/'), async ({ request }) => {
      const body = (await request.json()) as { name: string };
      created.push(body);
      if (!body.name) return HttpResponse.json(apiError('Ungültige Eingabe.', 'invalid', { name: ['Dieses Feld darf nicht leer sein.'] }), { status: 400 });
      const token = { ...OKTA, id: 9, name: body.name, created_by: 'Ada Admin' };
      tokens = [token, ...tokens];
      return HttpResponse.json({ ...token, token: 'scim_s3cr3t-value' }, { status: 201 });
    }),
    http.delete(url('scim-tokens/:id/'), ({ params }) => {
      revoked.push(Number(params.id));
      tokens = tokens.filter((token) => token.id !== Number(params.id));
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { created, revoked };
}

describe('ScimTokensPage', () => {
  it('shows the SCIM base URL and lists tokens with their creator and last use', async () => {
    useScimTokenServer([ENTRA, OKTA]);
    renderApp('/administration/provisioning', { user: buildUser({ role: 'admin' }) });

    const entra = (await screen.findByRole('rowheader', { name: 'Microsoft Entra ID' })).closest('tr') as HTMLElement;
    expect(within(entra).getByText('Ada Admin')).toBeInTheDocument();
    const okta = screen.getByRole('rowheader', { name: 'Okta' }).closest('tr') as HTMLElement;
    expect(within(okta).getByText('Nie')).toBeInTheDocument();
    expect(within(okta).getByText('Befehlszeile')).toBeInTheDocument();
    expect(screen.getByTestId('scim-base-url')).toHaveTextContent(`${window.location.origin}/scim/v2`);
    expect(screen.getByRole('heading', { level: 1, name: 'Bereitstellung (SCIM)' })).toBeInTheDocument();
  });

  it('creates a token and shows its secret once', async () => {
    const api = useScimTokenServer([]);
    const { user } = renderApp('/administration/provisioning', { user: buildUser({ role: 'admin' }) });

    expect(await screen.findByText('Es gibt noch keine SCIM-Tokens.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Bezeichnung'), ' Okta Produktion ');
    await user.click(screen.getByRole('button', { name: 'Token erstellen' }));

    const panel = await screen.findByTestId('token-secret-panel');
    expect(within(panel).getByTestId('token-secret')).toHaveTextContent('scim_s3cr3t-value');
    expect(within(panel).getByRole('alert')).toHaveTextContent('nicht noch einmal angezeigt');
    expect(api.created).toEqual([{ name: 'Okta Produktion' }]);
    expect(await screen.findByRole('rowheader', { name: 'Okta Produktion' })).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Ich habe das Token eingetragen' }));
    expect(screen.queryByText('scim_s3cr3t-value')).not.toBeInTheDocument();
  });

  it("shows the server's field error for a missing name", async () => {
    useScimTokenServer([]);
    const { user } = renderApp('/administration/provisioning', { user: buildUser({ role: 'admin' }) });

    await user.click(await screen.findByRole('button', { name: 'Token erstellen' }));

    expect(await screen.findByText('Dieses Feld darf nicht leer sein.')).toBeInTheDocument();
    expect(screen.queryByTestId('token-secret-panel')).not.toBeInTheDocument();
  });

  it('revokes a token after confirmation, in English too', async () => {
    const api = useScimTokenServer([ENTRA, OKTA]);
    const { i18n } = await import('@/lib/i18n');
    await i18n.changeLanguage('en');
    try {
      const { user } = renderApp('/administration/provisioning', { user: buildUser({ role: 'admin' }) });

      await user.click(await screen.findByRole('button', { name: 'Revoke SCIM token “Microsoft Entra ID”' }));
      const dialog = screen.getByRole('alertdialog', { name: 'Revoke SCIM token “Microsoft Entra ID”?' });
      expect(api.revoked).toEqual([]);
      await user.click(within(dialog).getByRole('button', { name: 'Revoke for good' }));

      await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Microsoft Entra ID' })).not.toBeInTheDocument());
      expect(screen.getByText('SCIM token “Microsoft Entra ID” was revoked.')).toHaveAttribute('role', 'status');
      expect(screen.getByRole('rowheader', { name: 'Okta' })).toBeInTheDocument();
      expect(api.revoked).toEqual([3]);
    } finally {
      await i18n.changeLanguage('de');
    }
  });

  it('is for administrators only', async () => {
    useScimTokenServer([ENTRA]);
    renderApp('/administration/provisioning', { user: buildUser({ role: 'manager' }) });

    expect(await screen.findByTestId('home-heading')).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'Microsoft Entra ID' })).not.toBeInTheDocument();
  });
});
