import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const PURPOSES = ['public_profile', 'personal_statistics', 'leaderboard', 'digest_email'] as const;

function usePrivacyServer() {
  const state = { granted: new Set<string>(), posted: [] as unknown[], erased: [] as unknown[] };
  const consents = () => PURPOSES.map((purpose) => ({ purpose, label: purpose, granted: state.granted.has(purpose) }));
  server.use(
    http.get(url('privacy/consents/'), () => HttpResponse.json(consents())),
    http.post(url('privacy/consents/'), async ({ request }) => {
      const body = (await request.json()) as { purpose: string; granted: boolean };
      state.posted.push(body);
      if (body.granted) state.granted.add(body.purpose);
      else state.granted.delete(body.purpose);
      return HttpResponse.json(consents());
    }),
    http.post(url('privacy/erase/'), async ({ request }) => {
      const body = (await request.json()) as { confirm_email: string };
      state.erased.push(body);
      if (body.confirm_email !== 'lena@example.com') {
        return HttpResponse.json(
          { message: 'Bitte bestätigen.', code: 'confirmation_mismatch', extra: { fields: { confirm_email: ['Falsche Adresse.'] } } },
          { status: 400 },
        );
      }
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return state;
}

describe('PrivacyPage', () => {
  it('offers the data download and records a consent', async () => {
    const state = usePrivacyServer();
    const { user } = renderApp('/settings/privacy', { user: buildUser({ email: 'lena@example.com' }) });

    expect(await screen.findByRole('link', { name: 'Meine Daten herunterladen' })).toHaveAttribute('href', '/api/v1/privacy/export/');
    const leaderboard = await screen.findByRole('checkbox', { name: 'Mich in Bestenlisten zeigen' });
    expect(leaderboard).not.toBeChecked();
    await user.click(leaderboard);

    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Mich in Bestenlisten zeigen' })).toBeChecked());
    expect(state.posted).toEqual([{ purpose: 'leaderboard', granted: true }]);
  });

  it('erases the account only after the address is typed and the dialog confirmed', async () => {
    const state = usePrivacyServer();
    const { user, router } = renderApp('/settings/privacy', { user: buildUser({ email: 'lena@example.com' }) });

    const submit = await screen.findByRole('button', { name: 'Konto löschen …' });
    expect(submit).toBeDisabled();
    await user.type(screen.getByLabelText(/Geben Sie zur Bestätigung Ihre E-Mail-Adresse ein/), 'lena@example.com');
    await user.click(submit);
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(state.erased).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Konto löschen …' }));
    await user.click(screen.getByRole('button', { name: 'Endgültig löschen' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(state.erased).toEqual([{ confirm_email: 'lena@example.com' }]);
    expect(await screen.findByText('Ihr Konto und Ihre Daten wurden gelöscht.')).toBeInTheDocument();
  });
});
