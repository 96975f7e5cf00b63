import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildContactRequest, buildUser, page, type ContactRequestData } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function useInboxServer(initial: ContactRequestData[]) {
  let items = [...initial];
  const sent = { answers: [] as unknown[], closed: [] as string[], assigned: [] as unknown[], statuses: [] as (string | null)[] };
  server.use(
    http.get(url('contact-requests/'), ({ request }) => {
      const status = new URL(request.url).searchParams.get('status');
      sent.statuses.push(status);
      return HttpResponse.json(page(items.filter((item) => !status || item.status === status)));
    }),
    http.post(url('contact-requests/:id/answer/'), async ({ params, request }) => {
      sent.answers.push({ id: String(params.id), body: await request.json() });
      items = items.map((item) => (item.id === String(params.id) ? { ...item, status: 'answered', answered_at: '2024-05-02T10:00:00Z', response_seconds: 2700 } : item));
      return HttpResponse.json(items.find((item) => item.id === String(params.id)));
    }),
    http.post(url('contact-requests/:id/close/'), ({ params }) => {
      sent.closed.push(String(params.id));
      items = items.map((item) => (item.id === String(params.id) ? { ...item, status: 'closed' } : item));
      return HttpResponse.json(items.find((item) => item.id === String(params.id)));
    }),
    http.get(url('contact-requests/triage/'), () => HttpResponse.json(page([buildContactRequest({ id: 'req-40', name: 'Rita Rundfunk' })]))),
    http.get(url('directory/autocomplete/'), () =>
      HttpResponse.json({ skills: [], experts: [{ slug: 'erika-mustermann', name: 'Erika Mustermann', headline: 'Cloud-Architektin' }] }),
    ),
    http.post(url('contact-requests/:id/assign/'), async ({ params, request }) => {
      sent.assigned.push({ id: String(params.id), body: await request.json() });
      return HttpResponse.json(buildContactRequest({ id: 'req-40', name: 'Rita Rundfunk', assigned_to: { slug: 'erika-mustermann', name: 'Erika Mustermann' } }));
    }),
  );
  return sent;
}

describe('InboxPage', () => {
  it('answers a request with a reply', async () => {
    const sent = useInboxServer([buildContactRequest()]);
    const { user } = renderApp('/inbox', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: 'Anfrage von Paula Presse öffnen' }));
    const detail = screen.getByRole('region', { name: 'Anfrage von Paula Presse' });
    expect(within(detail).getByText('Hätten Sie Zeit für ein kurzes Interview zur Cloud-Migration?')).toBeInTheDocument();
    await user.type(within(detail).getByLabelText('Ihre Antwort'), 'Gern, morgen um 10 Uhr?');
    await user.click(within(detail).getByRole('button', { name: 'Antwort senden' }));

    expect(await within(detail).findByText('Ihre Antwort wurde gesendet.')).toBeInTheDocument();
    expect(sent.answers).toEqual([{ id: '0b6f9a52-31c4-4a7e-9f0e-000000000031', body: { reply: 'Gern, morgen um 10 Uhr?' } }]);
    await waitFor(() => expect(within(detail).getByText('Beantwortet')).toBeInTheDocument());
  });

  it('filters by status and closes a request', async () => {
    const sent = useInboxServer([buildContactRequest(), buildContactRequest({ id: 'req-32', name: 'Karl Kunde', topic: 'customer', status: 'answered' })]);
    const { user } = renderApp('/inbox', { user: buildUser() });

    expect(await screen.findByRole('rowheader', { name: /Karl Kunde/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'Neu');
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /Karl Kunde/ })).not.toBeInTheDocument());
    expect(sent.statuses.at(-1)).toBe('new');

    await user.click(screen.getByRole('button', { name: 'Anfrage von Paula Presse öffnen' }));
    await user.click(screen.getByRole('button', { name: 'Anfrage schließen' }));
    await waitFor(() => expect(sent.closed).toEqual(['0b6f9a52-31c4-4a7e-9f0e-000000000031']));
  });

  it('shows employees no triage tab', async () => {
    useInboxServer([]);
    renderApp('/inbox', { user: buildUser() });
    expect(await screen.findByText('Keine Anfragen.')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('lets managers assign a press request to an expert', async () => {
    const sent = useInboxServer([]);
    const { user } = renderApp('/inbox', { user: buildUser({ role: 'manager' }) });

    await user.click(await screen.findByRole('tab', { name: 'Presse-Triage' }));
    expect(screen.getByRole('tab', { name: 'Presse-Triage' })).toHaveAttribute('aria-selected', 'true');
    await user.type(await screen.findByRole('combobox', { name: 'Expert:in für die Anfrage von Rita Rundfunk' }), 'Erika');
    await user.click(await screen.findByRole('option', { name: /Erika Mustermann/ }));
    await user.click(screen.getByRole('button', { name: 'Zuweisen' }));

    expect(await screen.findByText('An Erika Mustermann zugewiesen.')).toBeInTheDocument();
    expect(sent.assigned).toEqual([{ id: 'req-40', body: { expert: 'erika-mustermann' } }]);
  });
});
