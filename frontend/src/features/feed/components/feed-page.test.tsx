import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

function item(overrides = {}) {
  return {
    id: 7, slug: 'k8s-plattform', kind: 'article', title: 'Wie wir 400 Services auf Kubernetes migriert haben',
    summary: '<p>Ein <strong>Erfahrungsbericht</strong><script>alert(1)</script></p>', url: 'https://www.example.com/k8s',
    image_url: '', language: 'de', important: true, published_at: '2026-11-20T10:00:00Z', expires_at: null,
    topics: [{ id: 3, slug: 'kubernetes', name: 'Kubernetes' }], score: 3.2,
    reasons: [
      { code: 'skill', params: { skill: 'Kubernetes' } },
      { code: 'department_popular', params: { department: 'Cloud Services', count: 4 } },
      { code: 'important', params: {} },
    ],
    translations: [] as { id: number; language: string; title: string; summary: string; url: string }[],
    ...overrides,
  };
}

const NETWORKS = [
  { network: 'linkedin', display_name: 'LinkedIn', limit: 2975, suggested_text: 'Lesenswert!', method: 'intent', connected: false },
  { network: 'xing', display_name: 'XING', limit: 395, suggested_text: 'Unser Plattform-Team berichtet.', method: 'intent', connected: false },
  { network: 'mastodon', display_name: 'Mastodon', limit: 475, suggested_text: '', method: 'api', connected: true },
];

function share(overrides = {}) {
  return {
    id: 11, content: { id: 7, slug: 'k8s-plattform', title: 'Wie wir 400 Services auf Kubernetes migriert haben', url: 'https://www.example.com/k8s' },
    network: 'xing', method: 'intent', status: 'opened', text: 'Unser Plattform-Team berichtet.', scheduled_for: null,
    shared_at: '2026-11-22T10:00:00Z', created_at: '2026-11-22T10:00:00Z', external_url: '', error: '', error_code: '',
    attempts: 0, short_url: 'https://sb.example/r/Abc123XyZ0', link_id: 31, ...overrides,
  };
}

function useFeedServer({ guidelineAccepted = true } = {}) {
  const state = {
    items: [item(), item({ id: 8, title: 'Souveräne Cloud', reasons: [{ code: 'new', params: {} }], topics: [] })],
    dismissed: [] as unknown[],
    created: [] as Record<string, unknown>[],
    accepted: guidelineAccepted,
    composed: [] as number[],
  };
  server.use(
    http.get(url('feed/'), () => HttpResponse.json({ results: state.items, has_more: false })),
    http.post(url('feed/:id/dismiss/'), async ({ params, request }) => {
      state.dismissed.push({ id: Number(params.id), ...((await request.json()) as object) });
      state.items = state.items.filter((entry) => entry.id !== Number(params.id));
      return HttpResponse.json({ content: Number(params.id), reason: 'topic', topic: 3, created_at: '2026-11-22T10:00:00Z' }, { status: 201 });
    }),
    http.get(url('shares/compose/:id/'), ({ params }) => {
      state.composed.push(Number(params.id));
      return HttpResponse.json({
        content: { id: 7, slug: 'k8s-plattform', title: 'Wie wir 400 Services auf Kubernetes migriert haben', url: 'https://www.example.com/k8s' },
        image_url: '', summary: '', guideline_accepted: state.accepted, networks: NETWORKS,
      });
    }),
    http.get(url('guidelines/current/'), () =>
      HttpResponse.json({
        guideline: { id: 2, version: 4, title_de: 'Social-Media-Richtlinie', title_en: 'Social media guideline', text_de: '<p>Seien Sie fair.</p>', text_en: '<p>Be fair.</p>', published_at: '2026-11-01T00:00:00Z', created_at: '2026-11-01T00:00:00Z' },
        accepted: state.accepted, accepted_at: null,
      }),
    ),
    http.post(url('guidelines/current/accept/'), () => {
      state.accepted = true;
      return HttpResponse.json({ guideline: null, accepted: true, accepted_at: '2026-11-22T10:00:00Z' });
    }),
    http.post(url('shares/check/'), async ({ request }) => {
      const body = (await request.json()) as { network: string; text: string };
      const warn = body.text.includes('Umsatz');
      return HttpResponse.json({
        text: body.text, length: body.text.length, limit: body.network === 'xing' ? 395 : 475, blocks: [],
        warnings: warn ? [{ rule: 1, name: 'Umsatz', action: 'warn', matched_text: 'Umsatz', description: 'Zahlen erst nach Freigabe' }] : [],
      });
    }),
    http.post(url('shares/'), async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.created.push(body);
      const api = body.network === 'mastodon';
      return HttpResponse.json(
        {
          share: share({ network: body.network, method: api ? 'api' : 'intent', status: api ? 'queued' : 'opened', text: body.text }),
          link_url: 'https://sb.example/r/Abc123XyZ0',
          intent_url: api ? '' : 'https://www.xing.com/spi/shares/new?url=https%3A%2F%2Fsb.example%2Fr%2FAbc123XyZ0',
          copy_text: api ? '' : `${String(body.text)}\n\nhttps://sb.example/r/Abc123XyZ0`,
          warnings: [],
        },
        { status: 201 },
      );
    }),
  );
  return state;
}

describe('FeedPage', () => {
  it('shows one card per item in the reader\'s language and switches to the other version, which is then shared', async () => {
    const state = useFeedServer();
    state.items = [
      item({
        translations: [{ id: 70, language: 'en', title: 'How we moved 400 services to Kubernetes', summary: '<p>A field report</p>', url: 'https://www.example.com/en/k8s' }],
      }),
    ];
    const { user } = renderApp('/feed', { user: buildUser() });

    const card = await screen.findByRole('article', { name: 'Wie wir 400 Services auf Kubernetes migriert haben' });
    expect(screen.getAllByRole('article')).toHaveLength(1);
    const switcher = within(card).getByRole('group', { name: 'Sprachversionen von „Wie wir 400 Services auf Kubernetes migriert haben“' });
    expect(within(switcher).getByRole('button', { name: 'Deutsch' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(within(switcher).getByRole('button', { name: 'Englisch' }));

    expect(within(card).getByRole('link', { name: 'How we moved 400 services to Kubernetes' })).toHaveAttribute('href', 'https://www.example.com/en/k8s');
    expect(within(card).getByText('A field report')).toBeInTheDocument();
    expect(within(switcher).getByRole('button', { name: 'Englisch' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(within(card).getByRole('button', { name: /How we moved 400 services/ }));
    await waitFor(() => expect(state.composed).toEqual([70]));
  });


  it('shows recommendations with translated reasons and sanitised summaries', async () => {
    useFeedServer();
    renderApp('/feed', { user: buildUser() });

    const card = await screen.findByRole('article', { name: 'Wie wir 400 Services auf Kubernetes migriert haben' });
    const reasons = within(card).getByRole('list', { name: 'Warum empfohlen' });
    expect(within(reasons).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Weil Sie sich mit Kubernetes auskennen',
      'Beliebt in Cloud Services (4 Teilungen)',
      'Wichtig',
    ]);
    expect(within(card).getByText('Erfahrungsbericht').tagName).toBe('STRONG');
    expect(document.querySelector('script')).toBeNull();
  });

  it('"not interested" in a topic removes the item and offers undo', async () => {
    const state = useFeedServer();
    const { user } = renderApp('/feed', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: 'Kein Interesse an „Wie wir 400 Services auf Kubernetes migriert haben“' }));
    await user.click(screen.getByRole('button', { name: 'Weniger zu Kubernetes' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: /400 Services/ })).toBeNull());
    expect(state.dismissed).toEqual([{ id: 7, reason: 'topic', topic: 3 }]);
    expect(screen.getByRole('button', { name: 'Rückgängig' })).toBeInTheDocument();
  });

  it('shares on XING through the share intent with the text to copy', async () => {
    const state = useFeedServer();
    const { user } = renderApp('/feed', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: '„Wie wir 400 Services auf Kubernetes migriert haben“ teilen' }));
    const dialog = await screen.findByRole('dialog');
    await user.selectOptions(within(dialog).getByLabelText('Netzwerk'), 'xing');
    const text = within(dialog).getByLabelText('Ihr Text');
    expect(text).toHaveValue('Unser Plattform-Team berichtet.');
    await user.clear(text);
    await user.type(text, 'Mein Umsatz-Tipp');
    expect(await within(dialog).findByText('Bitte prüfen Sie diese Stellen:')).toBeInTheDocument();
    const submit = within(dialog).getByRole('button', { name: 'Text kopieren und Teilen-Link erhalten' });
    expect(submit).toBeDisabled();
    await user.click(within(dialog).getByLabelText('Ich habe die Stellen geprüft und möchte den Text teilen.'));
    await waitFor(() => expect(within(dialog).getByTestId('char-counter')).toHaveTextContent('16 von 395 Zeichen'));
    await user.click(submit);

    expect(await within(dialog).findByTestId('copy-text')).toHaveTextContent('Mein Umsatz-Tipp https://sb.example/r/Abc123XyZ0');
    expect(within(dialog).getByRole('link', { name: 'XING öffnen' })).toHaveAttribute(
      'href',
      'https://www.xing.com/spi/shares/new?url=https%3A%2F%2Fsb.example%2Fr%2FAbc123XyZ0',
    );
    expect(state.created).toEqual([
      { content: 7, network: 'xing', text: 'Mein Umsatz-Tipp', acknowledge_warnings: true, scheduled_for: null },
    ]);
  });

  it('posts through a connected Mastodon account', async () => {
    const state = useFeedServer();
    const { user } = renderApp('/feed', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: '„Wie wir 400 Services auf Kubernetes migriert haben“ teilen' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Netzwerk')).toHaveValue('mastodon');
    await user.type(within(dialog).getByLabelText('Ihr Text'), 'Lesenswert');
    await user.click(within(dialog).getByRole('button', { name: 'Auf Mastodon posten' }));

    expect(await within(dialog).findByText(/Ihr Post ist unterwegs/)).toBeInTheDocument();
    expect(state.created[0]).toMatchObject({ network: 'mastodon', text: 'Lesenswert' });
  });

  it('asks to accept the guidelines before the first share', async () => {
    const state = useFeedServer({ guidelineAccepted: false });
    const { user } = renderApp('/feed', { user: buildUser() });

    await user.click(await screen.findByRole('button', { name: '„Wie wir 400 Services auf Kubernetes migriert haben“ teilen' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('Seien Sie fair.')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Ihr Text')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Richtlinie akzeptieren (Version 4)' }));

    expect(await within(dialog).findByLabelText('Ihr Text')).toBeInTheDocument();
    expect(state.accepted).toBe(true);
  });
});

describe('MySharesPage', () => {
  it('lists my shares with status and cancels a scheduled one', async () => {
    let shares = [
      share(),
      share({ id: 12, network: 'mastodon', method: 'api', status: 'scheduled', scheduled_for: '2026-11-30T09:00:00Z', shared_at: null }),
      share({ id: 13, network: 'linkedin', method: 'api', status: 'failed', error: 'Ihr LinkedIn-Zugang ist abgelaufen.' }),
    ];
    const cancelled: number[] = [];
    server.use(
      http.get(url('shares/'), () => HttpResponse.json(page(shares))),
      http.post(url('shares/:id/cancel/'), ({ params }) => {
        cancelled.push(Number(params.id));
        shares = shares.map((entry) => (entry.id === Number(params.id) ? { ...entry, status: 'cancelled' } : entry));
        return HttpResponse.json(shares.find((entry) => entry.id === Number(params.id)));
      }),
    );
    const { user } = renderApp('/shares', { user: buildUser() });

    const [, opened, scheduled, failed] = await screen.findAllByRole('row');
    if (!opened || !scheduled || !failed) throw new Error('expected three shares');
    expect(within(opened).getByText('Teilen-Seite geöffnet')).toBeInTheDocument();
    expect(within(failed).getByText('Ihr LinkedIn-Zugang ist abgelaufen.')).toBeInTheDocument();
    await user.click(within(scheduled).getByRole('button', { name: 'Post abbrechen' }));

    expect(await screen.findByText('Abgebrochen')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(cancelled).toEqual([12]);
  });
});
