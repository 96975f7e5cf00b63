import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const FAILED = {
  id: 7,
  created_at: '2026-12-01T09:00:00Z',
  to: 'lena@example.com',
  subject: 'Setzen Sie Ihr Sichtbar-Passwort zurück',
  template: 'password_reset',
  language: 'de',
  status: 'failed',
  attempts: 12,
  next_attempt_at: '2026-12-01T17:00:00Z',
  last_error: 'ConnectionRefusedError: [Errno 111] Connection refused',
  sent_at: null,
};
const SENT = {
  ...FAILED,
  id: 8,
  to: 'jana@example.com',
  subject: 'You are invited to Sichtbar',
  template: 'invitation',
  language: 'en',
  status: 'sent',
  attempts: 1,
  last_error: '',
  sent_at: '2026-12-01T09:00:05Z',
};

describe('OutboxPage', () => {
  it('lists mails, filters by status and sends a failed one again', async () => {
    const statuses: (string | null)[] = [];
    const resent: number[] = [];
    server.use(
      http.get(url('mail-outbox/'), ({ request }) => {
        const status = new URL(request.url).searchParams.get('status');
        statuses.push(status);
        return HttpResponse.json(page(status === 'failed' ? [FAILED] : [FAILED, SENT]));
      }),
      http.post(url('mail-outbox/:id/resend/'), ({ params }) => {
        resent.push(Number(params.id));
        return HttpResponse.json({ ...FAILED, status: 'pending', attempts: 0 });
      }),
    );
    const { user } = renderApp('/administration/mail', { user: buildUser({ role: 'admin' }) });

    const failedRow = (await screen.findByRole('rowheader', { name: /lena@example.com/ }, { timeout: 10_000 })).closest('tr')!;
    expect(within(failedRow).getByText('Fehlgeschlagen')).toBeInTheDocument();
    expect(within(failedRow).getByText('Passwort zurücksetzen')).toBeInTheDocument();
    expect(within(failedRow).getByText(FAILED.last_error)).toBeInTheDocument();
    const sentRow = screen.getByRole('rowheader', { name: /jana@example.com/ }).closest('tr')!;
    expect(within(sentRow).getByText('Gesendet')).toBeInTheDocument();
    expect(within(sentRow).queryByRole('button')).not.toBeInTheDocument(); // a sent mail is not sent again

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(statuses.at(-1)).toBe('failed'));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /jana@example.com/ })).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'E-Mail an lena@example.com erneut senden' }));
    expect(await screen.findByText('Eingereiht.')).toBeInTheDocument();
    expect(resent).toEqual([7]);
  });

  it('is for admins only', async () => {
    const { router } = renderApp('/administration/mail', { user: buildUser({ role: 'manager' }) });
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
