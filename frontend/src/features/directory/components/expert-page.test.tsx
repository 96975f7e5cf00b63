import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { apiError, buildExpertCard, buildExpertDetail, buildUser, type ExpertDetailData } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function useExpertServer(detail: ExpertDetailData, path = 'public/experts/max-beispiel/') {
  const contacts: unknown[] = [];
  server.use(
    http.get(url(path), () => HttpResponse.json(detail)),
    http.post(url('public/experts/max-beispiel/contact/'), async ({ request }) => {
      contacts.push(await request.json());
      return HttpResponse.json({ id: 31, status: 'new' }, { status: 201 });
    }),
  );
  return contacts;
}

async function fillContactForm(user: ReturnType<typeof renderApp>['user']) {
  const form = await screen.findByRole('form', { name: 'Max Beispiel kontaktieren' });
  await user.type(within(form).getByLabelText('Ihr Name'), 'Paula Presse');
  await user.type(within(form).getByLabelText('Ihre E-Mail-Adresse'), 'paula@zeitung.example');
  await user.type(within(form).getByLabelText('Organisation (optional)'), 'Tageszeitung');
  await user.selectOptions(within(form).getByLabelText('Anliegen'), 'Presseanfrage');
  await user.type(within(form).getByLabelText('Nachricht'), 'Hätten Sie Zeit für ein Interview?');
  return form;
}

describe('public profile page (/experts/:slug)', () => {
  it('renders only the sections the server sent, with safe rich text', async () => {
    useExpertServer(
      buildExpertDetail({
        bio: '<p>Betreibt <em>Kubernetes</em>.<script>window.pwned = true</script> <a href="javascript:alert(1)" onclick="alert(1)">Klick</a></p>',
        languages: null,
        links: null,
        posts: [
          { title: 'Kubernetes im Mittelstand', url: 'https://max.example/k8s', published_at: '2026-11-01T08:00:00Z', network: 'blog', excerpt: 'Wie wir Cluster betreiben.' },
          { title: '', url: 'https://social.example/@max/1', published_at: '2026-10-30T08:00:00Z', network: 'mastodon', excerpt: 'Heute über #Kubernetes gesprochen.' },
          { title: '', url: 'https://www.linkedin.com/feed/update/1', published_at: null, network: 'linkedin_archive', excerpt: 'Neuer Job!' },
        ],
        related: [buildExpertCard({ slug: 'eva-ops', name: 'Eva Ops' })],
      }),
    );
    renderApp('/experts/max-beispiel');

    expect(await screen.findByRole('heading', { level: 1, name: 'Max Beispiel' })).toBeInTheDocument();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual(['Über mich', 'Kompetenzen', 'Beiträge', 'Verfügbarkeit', 'Max Beispiel kontaktieren', 'Ähnliche Expert:innen']);
    const cards = screen.getAllByTestId('post-card');
    expect(cards.map((card) => card.textContent)).toEqual([
      'Blog 01.11.2026Kubernetes im MittelstandWie wir Cluster betreiben.Auf Blog lesen: Kubernetes im Mittelstand',
      'Mastodon 30.10.2026Heute über #Kubernetes gesprochen.Auf Mastodon lesen: Heute über #Kubernetes gesprochen.',
      'LinkedIn-DatenexportNeuer Job!Auf LinkedIn-Datenexport lesen: Neuer Job!',
    ]);
    expect(within(cards[1] as HTMLElement).getByRole('link')).toHaveAttribute('href', 'https://social.example/@max/1');
    expect(screen.queryByText('https://social.example/@max/1')).not.toBeInTheDocument();
    const detail = screen.getByTestId('expert-detail');
    expect(within(detail).getByText('Kubernetes', { selector: 'em' })).toBeInTheDocument();
    expect(detail.querySelector('script, [onclick]')).toBeNull();
    expect(within(detail).getByText('Klick')).not.toHaveAttribute('href');
    expect(within(detail).getByRole('link', { name: 'Eva Ops' })).toHaveAttribute('href', '/experts/eva-ops');
    expect(within(screen.getByRole('region', { name: 'Kompetenzen' })).getByText('Stufe 4 von 5: Fortgeschritten')).toBeInTheDocument();
  });

  it('sends the contact form with consent and an empty, hidden honeypot', async () => {
    const contacts = useExpertServer(buildExpertDetail());
    const { user } = renderApp('/experts/max-beispiel');
    const form = await fillContactForm(user);

    const honeypot = form.querySelector<HTMLInputElement>('input[name="website"]');
    expect(honeypot).not.toBeNull();
    expect(honeypot).toHaveAttribute('tabindex', '-1');
    expect(honeypot).toHaveAttribute('autocomplete', 'off');
    expect(honeypot).toHaveValue('');
    expect(screen.getByTestId('honeypot')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByTestId('honeypot')).toHaveClass('honeypot');
    expect(within(form).queryByRole('textbox', { name: 'Website' })).not.toBeInTheDocument();

    await user.click(within(form).getByRole('checkbox', { name: /Ich bin einverstanden/ }));
    await user.click(within(form).getByRole('button', { name: 'Anfrage senden' }));

    expect(await screen.findByText('Vielen Dank! Ihre Anfrage wurde an Max Beispiel übermittelt.')).toBeInTheDocument();
    expect(contacts).toEqual([
      {
        name: 'Paula Presse',
        email: 'paula@zeitung.example',
        organisation: 'Tageszeitung',
        topic: 'press',
        message: 'Hätten Sie Zeit für ein Interview?',
        consent: true,
        website: '',
      },
    ]);
  });

  it('requires consent before anything is sent', async () => {
    const contacts = useExpertServer(buildExpertDetail());
    const { user } = renderApp('/experts/max-beispiel');
    const form = await fillContactForm(user);

    await user.click(within(form).getByRole('button', { name: 'Anfrage senden' }));

    expect(await within(form).findByText('Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.')).toBeInTheDocument();
    expect(within(form).getByRole('checkbox', { name: /Ich bin einverstanden/ })).toHaveAttribute('aria-invalid', 'true');
    expect(contacts).toEqual([]);
  });

  it('shows the server message when the rate limit is hit', async () => {
    useExpertServer(buildExpertDetail());
    server.use(
      http.post(url('public/experts/max-beispiel/contact/'), () =>
        HttpResponse.json(
          { ...apiError('Zu viele Anfragen. Bitte versuchen Sie es in 10 Minuten erneut.', 'throttled'), extra: { fields: {}, retry_after_seconds: 600 } },
          { status: 429 },
        ),
      ),
    );
    const { user } = renderApp('/experts/max-beispiel');
    const form = await fillContactForm(user);
    await user.click(within(form).getByRole('checkbox', { name: /Ich bin einverstanden/ }));
    await user.click(within(form).getByRole('button', { name: 'Anfrage senden' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Zu viele Anfragen. Bitte versuchen Sie es in 10 Minuten erneut.');
    expect(screen.queryByText(/Vielen Dank/)).not.toBeInTheDocument();
  });

  it('gives a signed-in colleague the internal view', async () => {
    const internal = buildExpertDetail({ languages: [{ code: 'de', level: 'native' }] });
    useExpertServer(internal, 'directory/experts/max-beispiel/');
    renderApp('/experts/max-beispiel', { user: buildUser() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Max Beispiel' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Sprachen' })).toBeInTheDocument());
    expect(screen.queryByRole('form', { name: 'Max Beispiel kontaktieren' })).not.toBeInTheDocument();
  });
});
