import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildToken, buildUser, page, type ApiTokenData } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

/** A tiny token store behind the real endpoints. */
function useTokenServer(initial: ApiTokenData[]) {
  let tokens = [...initial];
  const created: unknown[] = [];
  const revoked: string[] = [];
  server.use(
    http.get(url('auth/tokens/'), () => HttpResponse.json(page(tokens))),
    http.post(url('auth/tokens/'), async ({ request }) => {
      const body = (await request.json()) as { name: string; expires_in_days: number | null };
      created.push(body);
      const token = buildToken({ id: 'sb_new999', token_key: 'sb_new999', name: body.name, expiry: null });
      tokens = [...tokens, token];
      return HttpResponse.json({ ...token, token: 'sb_new999.s3cr3t-value' }, { status: 201 });
    }),
    http.delete(url('auth/tokens/:tokenKey/'), ({ params }) => {
      revoked.push(String(params.tokenKey));
      tokens = tokens.filter((token) => token.token_key !== params.tokenKey);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { created, revoked };
}

describe('TokensPage', () => {
  it('creates a token and shows its secret once', async () => {
    const api = useTokenServer([buildToken()]);
    const { user } = renderApp('/settings/tokens', { user: buildUser() });

    expect(await screen.findByRole('rowheader', { name: 'CI-Export' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Bezeichnung'), 'Reporting');
    await user.selectOptions(screen.getByLabelText('Gültigkeit'), 'Unbegrenzt');
    await user.click(screen.getByRole('button', { name: 'Token erstellen' }));

    const panel = await screen.findByTestId('token-secret-panel');
    expect(within(panel).getByTestId('token-secret')).toHaveTextContent('sb_new999.s3cr3t-value');
    expect(within(panel).getByRole('alert')).toHaveTextContent('nicht noch einmal angezeigt');
    expect(within(panel).getByRole('button', { name: 'Kopieren' })).toBeInTheDocument();
    expect(api.created).toEqual([{ name: 'Reporting', expires_in_days: null }]);
    expect(await screen.findByRole('rowheader', { name: 'Reporting' })).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Kopieren' }));
    expect(await navigator.clipboard.readText()).toBe('sb_new999.s3cr3t-value');

    await user.click(within(panel).getByRole('button', { name: 'Ich habe das Token gespeichert' }));
    expect(screen.queryByTestId('token-secret-panel')).not.toBeInTheDocument();
    expect(screen.queryByText('sb_new999.s3cr3t-value')).not.toBeInTheDocument();
  });

  it('revokes a token after confirmation and removes it from the list', async () => {
    const api = useTokenServer([buildToken(), buildToken({ id: 'sb_keep', token_key: 'sb_keep', name: 'Behalten' })]);
    const { user } = renderApp('/settings/tokens', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: 'Token „CI-Export“ widerrufen' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Token „CI-Export“ widerrufen?' });
    expect(within(dialog).getByRole('button', { name: 'Abbrechen' })).toHaveFocus();
    expect(api.revoked).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Endgültig widerrufen' }));

    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'CI-Export' })).not.toBeInTheDocument());
    expect(screen.getByRole('rowheader', { name: 'Behalten' })).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.revoked).toEqual(['sb_abc123']);
  });

  it('does not revoke when the confirmation is cancelled', async () => {
    const api = useTokenServer([buildToken()]);
    const { user } = renderApp('/settings/tokens', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: 'Token „CI-Export“ widerrufen' }));
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'CI-Export' })).toBeInTheDocument();
    expect(api.revoked).toEqual([]);
  });
});
