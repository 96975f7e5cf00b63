import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser, page } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const CONNECTION = {
  id: 7, provider: 'linkedin_archive', url: '', title: 'LinkedIn', feed_url: '', feed_kind: '', status: 'connected',
  last_sync_at: '2026-11-22T10:00:00Z', last_error: '', last_error_code: '', created_at: '2026-11-22T10:00:00Z', history: { status: '', imported: 0, total: null },
};

const POST = {
  id: 31, connection_id: 7, provider: 'linkedin_archive', url: 'https://www.linkedin.com/feed/update/urn:li:share:1',
  title: 'Kubernetes-Cluster migriert', summary: '<p>Mit <strong>K8s</strong><script>alert(1)</script></p>',
  published_at: '2026-03-02T09:15:00Z', show_on_profile: false, created_at: '2026-11-22T10:00:00Z',
};

const SUGGESTIONS = [
  { id: 3, skill: { id: 11, slug: 'kubernetes', name: 'Kubernetes' }, evidence_count: 2, last_seen: '2026-03-02T09:15:00Z', status: 'open' },
  { id: 4, skill: { id: 12, slug: 'security', name: 'IT-Sicherheit' }, evidence_count: 1, last_seen: null, status: 'open' },
];

function useActivityServer({ uploadError = false } = {}) {
  const state = {
    posts: [] as (typeof POST)[],
    suggestions: [] as typeof SUGGESTIONS,
    uploads: [] as string[],
    accepted: [] as unknown[],
    dismissed: [] as string[],
    patched: [] as unknown[],
  };
  server.use(
    http.get(url('activity/'), () => HttpResponse.json(page(state.posts))),
    http.patch(url('activity/:id/'), async ({ request }) => {
      const body = (await request.json()) as { show_on_profile: boolean };
      state.patched.push(body);
      state.posts = state.posts.map((post) => ({ ...post, show_on_profile: body.show_on_profile }));
      return HttpResponse.json(state.posts[0]);
    }),
    http.post(url('activity/linkedin-archive/'), async ({ request }) => {
      const form = await request.formData();
      const file = form.get('file');
      // jsdom's XMLHttpRequest does not serialise File parts faithfully; the browser test checks the bytes.
      state.uploads.push(file === null ? 'missing' : 'file');
      if (uploadError) {
        const message = 'In diesem Archiv sind unzulässige Dateinamen.';
        return HttpResponse.json({ message, code: 'archive_unsafe_path', extra: { fields: { file: [message] } } }, { status: 400 });
      }
      state.posts = [POST];
      state.suggestions = SUGGESTIONS;
      return HttpResponse.json(
        { connection: CONNECTION, shares: 2, articles: 1, created: 3, updated: 0, unchanged: 0 },
        { status: 201 },
      );
    }),
    http.get(url('profile/skill-suggestions/'), () => HttpResponse.json(state.suggestions)),
    http.post(url('profile/skill-suggestions/:id/accept/'), async ({ params, request }) => {
      state.accepted.push({ id: String(params.id), ...((await request.json()) as object) });
      const item = state.suggestions.find((s) => String(s.id) === params.id);
      state.suggestions = state.suggestions.filter((s) => String(s.id) !== params.id);
      return HttpResponse.json({ ...item, status: 'accepted' });
    }),
    http.post(url('profile/skill-suggestions/:id/dismiss/'), ({ params }) => {
      state.dismissed.push(String(params.id));
      const item = state.suggestions.find((s) => String(s.id) === params.id);
      state.suggestions = state.suggestions.filter((s) => String(s.id) !== params.id);
      return HttpResponse.json({ ...item, status: 'dismissed' });
    }),
  );
  return state;
}

function zip(name = 'Basic_LinkedInDataExport.zip') {
  return new File([new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])], name, { type: 'application/zip' });
}

describe('ActivityPage', () => {
  it('uploads the LinkedIn export, shows the result, the posts and the suggested skills', async () => {
    const state = useActivityServer();
    const { user } = renderApp('/activity', { user: buildUser() });

    expect(await screen.findByText(/Noch keine importierten Beiträge/)).toBeInTheDocument();
    const upload = screen.getByRole('button', { name: 'Hochladen und importieren' });
    expect(upload).toBeDisabled();
    await user.upload(screen.getByLabelText('ZIP-Datei von LinkedIn'), zip());
    await user.click(upload);

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Import abgeschlossen: 3 neu, 0 aktualisiert, 0 unverändert (2 Beiträge, 1 Artikel im Archiv).',
    );
    expect(state.uploads).toEqual(['file']);
    const post = (await screen.findByRole('link', { name: 'Kubernetes-Cluster migriert' })).closest('li') as HTMLElement;
    expect(within(post).getByText('K8s').tagName).toBe('STRONG');
    expect(within(post).getByText(/LinkedIn-Datenexport/)).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    await user.click(within(post).getByRole('checkbox', { name: 'Auf meinem Profil zeigen' }));
    await waitFor(() => expect(state.patched).toEqual([{ show_on_profile: true }]));

    const suggestions = await screen.findByRole('list', { name: 'Vorgeschlagene Kompetenzen' });
    expect(within(suggestions).getByText('In 2 Beiträgen erwähnt', { exact: false })).toBeInTheDocument();
    expect(within(suggestions).getByText('In 1 Beitrag erwähnt')).toBeInTheDocument();
    await user.selectOptions(within(suggestions).getByLabelText('Niveau für Kubernetes'), '4');
    await user.click(within(suggestions).getByRole('button', { name: 'Kubernetes ins Profil übernehmen' }));
    await waitFor(() => expect(state.accepted).toEqual([{ id: '3', level: 4 }]));
    await user.click(await screen.findByRole('button', { name: 'IT-Sicherheit verwerfen' }));
    await waitFor(() => expect(state.dismissed).toEqual(['4']));
    expect(await screen.findByText('Zurzeit keine Vorschläge.')).toBeInTheDocument();
  });

  it('shows why an archive was refused, under the file field', async () => {
    const state = useActivityServer({ uploadError: true });
    const { user } = renderApp('/activity', { user: buildUser() });

    await user.upload(await screen.findByLabelText('ZIP-Datei von LinkedIn'), zip('evil.zip'));
    await user.click(screen.getByRole('button', { name: 'Hochladen und importieren' }));

    const field = screen.getByLabelText('ZIP-Datei von LinkedIn');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByText('In diesem Archiv sind unzulässige Dateinamen.').length).toBeGreaterThan(0);
    expect(state.uploads).toEqual(['file']);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
