import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const LEAVER = { id: 7, email: 'lea.weg@example.com', name: 'Lea Weg', is_active: false, deactivated_at: '2026-10-01T08:00:00Z', legal_hold: null };
const VISITOR = 'jana@zeitung.example';

function usePrivacyAdminServer() {
  const state = {
    erased: [] as unknown[],
    visitorErased: [] as unknown[],
    holds: [] as unknown[],
    retention: [] as unknown[],
    worksCouncil: [] as unknown[],
    privacy: { works_council_mode: true, works_council_mode_choice: null as boolean | null, works_council_mode_default: true, min_group_size: 5 },
    rules: [
      { name: 'notifications', days: 180, default_days: 180, minimum: 0, customised: false },
      { name: 'deactivated_accounts', days: 180, default_days: 180, minimum: 1, customised: false },
    ],
  };
  server.use(
    http.post(url('privacy/lookup/'), async ({ request }) => {
      const { email } = (await request.json()) as { email: string };
      if (email === LEAVER.email) return HttpResponse.json({ person: LEAVER, contact_requests: 0 });
      if (email === VISITOR) return HttpResponse.json({ person: null, contact_requests: 2 });
      return HttpResponse.json({ person: null, contact_requests: 0 });
    }),
    http.post(url('privacy/users/7/erase/'), async ({ request }) => {
      state.erased.push(await request.json());
      return new HttpResponse(null, { status: 204 });
    }),
    http.put(url('privacy/users/7/legal-hold/'), async ({ request }) => {
      state.holds.push(await request.json());
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(url('privacy/visitors/erase/'), async ({ request }) => {
      const body = (await request.json()) as { email: string; confirm_email: string };
      state.visitorErased.push(body);
      return HttpResponse.json({ erased: 2 });
    }),
    http.get(url('privacy/retention/'), () => HttpResponse.json(state.rules)),
    http.get(url('organisation/privacy/'), () => HttpResponse.json(state.privacy)),
    http.put(url('organisation/privacy/'), async ({ request }) => {
      const body = (await request.json()) as { works_council_mode_choice: boolean | null };
      state.worksCouncil.push(body);
      const choice = body.works_council_mode_choice;
      state.privacy = { ...state.privacy, works_council_mode_choice: choice, works_council_mode: choice ?? state.privacy.works_council_mode_default };
      return HttpResponse.json(state.privacy);
    }),
    http.put(url('privacy/retention/'), async ({ request }) => {
      const body = (await request.json()) as { periods: Record<string, number | null> };
      state.retention.push(body);
      if ((body.periods.deactivated_accounts ?? 1) < 1) {
        return HttpResponse.json(
          { message: 'Ungültige Fristen.', code: 'invalid_retention', extra: { fields: { deactivated_accounts: ['Mindestens 1 Tage.'] } } },
          { status: 400 },
        );
      }
      state.rules = state.rules.map((rule) =>
        rule.name in body.periods ? { ...rule, days: body.periods[rule.name] ?? rule.default_days, customised: body.periods[rule.name] !== null } : rule,
      );
      return HttpResponse.json(state.rules);
    }),
  );
  return state;
}

/** Typing char by char is slow on a busy machine; pasting puts the same text into the focused field. */
async function fill(user: ReturnType<typeof renderApp>['user'], field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

const TIMEOUT = 20_000; // the first test pays for loading the page's code

const admin = buildUser({ role: 'admin', email: 'ada@example.com' });

describe('PrivacyAdminPage', () => {
  it('finds a former employee, offers the export and erases only after the address is typed and confirmed', async () => {
    const state = usePrivacyAdminServer();
    const { user } = renderApp('/administration/privacy', { user: admin });

    await fill(user, await screen.findByLabelText(/^E-Mail-Adresse/, {}, { timeout: 10_000 }), LEAVER.email);
    await user.click(screen.getByRole('button', { name: 'Suchen' }));

    const account = await screen.findByRole('region', { name: 'Konto' });
    expect(within(account).getByRole('link', { name: 'Daten dieser Person herunterladen' })).toHaveAttribute('href', '/api/v1/privacy/users/7/export/');
    expect(within(account).getByText(/Deaktiviert seit/)).toBeInTheDocument();
    const erase = within(account).getByRole('button', { name: 'Dieses Konto löschen …' });
    expect(erase).toBeDisabled();
    await fill(user, within(account).getByLabelText(/erneut ein/), LEAVER.email);
    await user.click(erase);
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(state.erased).toEqual([]);

    await user.click(within(account).getByRole('button', { name: 'Dieses Konto löschen …' }));
    await user.click(screen.getByRole('button', { name: 'Endgültig löschen' }));
    await waitFor(() => expect(state.erased).toEqual([{ confirm_email: LEAVER.email }]));
  }, TIMEOUT);

  it('puts a person on legal hold', async () => {
    const state = usePrivacyAdminServer();
    const { user } = renderApp('/administration/privacy', { user: admin });
    await fill(user, await screen.findByLabelText(/^E-Mail-Adresse/, {}, { timeout: 10_000 }), LEAVER.email);
    await user.click(screen.getByRole('button', { name: 'Suchen' }));

    await fill(user, await screen.findByLabelText(/Grund der Aufbewahrungspflicht/), 'Verfahren 3/26');
    await user.click(screen.getByRole('button', { name: 'Aufbewahrungspflicht speichern' }));

    await waitFor(() => expect(state.holds).toEqual([{ reason: 'Verfahren 3/26' }]));
  }, TIMEOUT);

  it("erases a visitor's contact requests with the address typed twice", async () => {
    const state = usePrivacyAdminServer();
    const { user } = renderApp('/administration/privacy', { user: admin });
    await fill(user, await screen.findByLabelText(/^E-Mail-Adresse/, {}, { timeout: 10_000 }), VISITOR);
    await user.click(screen.getByRole('button', { name: 'Suchen' }));

    const visitor = await screen.findByRole('region', { name: 'Besucher' });
    expect(within(visitor).getByText('Von dieser Adresse wurden 2 Kontaktanfragen gesendet.')).toBeInTheDocument();
    await fill(user, within(visitor).getByLabelText(/erneut ein/), VISITOR);
    await user.click(within(visitor).getByRole('button', { name: 'Anfragen des Besuchers löschen …' }));
    await user.click(screen.getByRole('button', { name: 'Endgültig löschen' }));

    await waitFor(() => expect(state.visitorErased).toEqual([{ email: VISITOR, confirm_email: VISITOR }]));
  }, TIMEOUT);

  it('changes a retention period and shows the server refusing one below its minimum', async () => {
    const state = usePrivacyAdminServer();
    const { user } = renderApp('/administration/privacy', { user: admin });

    const notifications = await screen.findByLabelText('Tage für: Benachrichtigungen', {}, { timeout: 10_000 });
    expect(notifications).toHaveValue(180);
    await user.clear(notifications);
    await fill(user, notifications, '30');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await waitFor(() => expect(screen.getByLabelText('Tage für: Benachrichtigungen')).toHaveValue(30));
    expect(state.retention).toEqual([{ periods: { notifications: 30 } }]);

    const deactivated = screen.getByLabelText('Tage für: Deaktivierte Konten (danach gelöscht)');
    await user.clear(deactivated);
    await fill(user, deactivated, '0');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Mindestens 1 Tage.')).toBeInTheDocument();
  }, TIMEOUT);

  it('switches works-council mode off and back to the installation default', async () => {
    const state = usePrivacyAdminServer();
    const { user } = renderApp('/administration/privacy', { user: admin });

    const mode = await screen.findByLabelText(/^Betriebsratsmodus/, {}, { timeout: TIMEOUT });
    expect(mode).toHaveValue('default');
    expect(screen.getByRole('option', { name: 'Voreinstellung der Installation (An)' })).toBeInTheDocument();
    expect(screen.getByText('Der Betriebsratsmodus ist an.')).toBeInTheDocument();

    await user.selectOptions(mode, 'off');
    expect(await screen.findByText(/Der Betriebsratsmodus ist aus/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/^Betriebsratsmodus/), 'default');

    await waitFor(() => expect(screen.getByText('Der Betriebsratsmodus ist an.')).toBeInTheDocument());
    expect(state.worksCouncil).toEqual([{ works_council_mode_choice: false }, { works_council_mode_choice: null }]);
  });

  it('is not offered to managers', async () => {
    renderApp('/administration/privacy', { user: buildUser({ role: 'manager' }) });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Datenschutzanfragen' })).not.toBeInTheDocument());
  });
});
