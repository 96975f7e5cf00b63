import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildExpertCard, buildSearchResult, buildUser, kubernetes, type ExpertSearchData } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const facets: ExpertSearchData['facets'] = {
  skill: [
    { value: 'kubernetes', label: 'Kubernetes', count: 3 },
    { value: 'cloud-migration', label: 'Cloud-Migration', count: 1 },
  ],
  level: [{ value: '4', label: 'ab Stufe 4', count: 2 }],
  language: [{ value: 'en', label: 'Englisch', count: 3 }],
  location: [
    { value: '20', label: 'Zentrale', count: 2 },
    { value: '21', label: 'München', count: 1 },
  ],
  department: [{ value: '11', label: 'IT', count: 3 }],
  availability: [{ value: 'press', label: 'Presseanfragen', count: 1 }],
};

/** Search endpoint recording each request's query string. */
function useSearchServer(path: string, result: ExpertSearchData) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(url(path), ({ request }) => {
      queries.push(new URL(request.url).searchParams);
      return HttpResponse.json(result);
    }),
  );
  return queries;
}

describe('DirectoryPage (public, /experts)', () => {
  it('renders facets with counts and applies a facet to the URL and the request', async () => {
    const queries = useSearchServer('public/experts/', buildSearchResult([buildExpertCard()], { facets, count: 3 }));
    const { user, router } = renderApp('/experts?q=kubernetes');

    expect(await screen.findByRole('heading', { level: 2, name: '3 Expert:innen gefunden' })).toBeInTheDocument();
    const locationFacet = screen.getByRole('group', { name: 'Standort' });
    const zentrale = within(locationFacet).getByRole('button', { name: /Zentrale/ });
    expect(zentrale).toHaveAttribute('aria-pressed', 'false');
    expect(within(zentrale).getByText('2')).toBeInTheDocument();
    expect(queries[0]?.get('q')).toBe('kubernetes');

    await user.click(zentrale);

    await waitFor(() => expect(router.state.location.search).toBe('?q=kubernetes&location=20'));
    await waitFor(() => expect(queries.at(-1)?.get('location')).toBe('20'));
    expect(queries.at(-1)?.get('q')).toBe('kubernetes');
    expect(await within(screen.getByRole('group', { name: 'Standort' })).findByRole('button', { name: /Zentrale/, pressed: true })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Filter zurücksetzen' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=kubernetes'));
  });

  it('says when an expert was found by a similar topic rather than by the words', async () => {
    useSearchServer(
      'public/experts/',
      buildSearchResult([
        buildExpertCard({ slug: 'similar', name: 'Sina Semantik', match: 'similar_topic', highlights: {} }),
        buildExpertCard({ slug: 'text', name: 'Tom Text', match: 'text' }),
      ]),
    );
    renderApp('/experts?q=Wer%20hilft%20bei%20der%20Steuererkl%C3%A4rung');

    const similar = (await screen.findByRole('link', { name: 'Sina Semantik' })).closest('article');
    const text = screen.getByRole('link', { name: 'Tom Text' }).closest('article');
    if (!similar || !text) throw new Error('no card');
    expect(within(similar).getByText('Ähnliches Thema')).toBeInTheDocument();
    expect(within(text).queryByText('Ähnliches Thema')).toBeNull();
  });

  it('labels language and availability facets in the UI language, whatever the server sent as label', async () => {
    useSearchServer(
      'public/experts/',
      buildSearchResult([buildExpertCard()], {
        facets: {
          ...facets,
          language: [
            { value: 'de', label: 'de', count: 3 },
            { value: 'tr', label: 'tr', count: 1 },
          ],
          availability: [
            { value: 'customers', label: 'customers', count: 2 },
            { value: 'mentoring', label: 'mentoring', count: 1 },
          ],
        },
        count: 3,
      }),
    );
    renderApp('/experts');

    const filters = await screen.findByRole('complementary', { name: 'Filter' });
    const languages = within(filters).getByRole('group', { name: 'Sprache' });
    expect(within(languages).getAllByRole('button').map((button) => button.firstChild?.textContent)).toEqual(['Deutsch', 'Türkisch']);
    const availability = within(filters).getByRole('group', { name: 'Verfügbar für' });
    expect(within(availability).getAllByRole('button').map((button) => button.firstChild?.textContent)).toEqual(['Kundenfragen', 'Mentoring']);
  });

  it('renders <mark> highlights and strips a <script> from a snippet', async () => {
    useSearchServer(
      'public/experts/',
      buildSearchResult([
        buildExpertCard({
          highlights: {
            bio: [
              'Betreibt <mark>Kubernetes</mark> seit 2016<script>window.pwned = true</script><img src="x" onerror="window.pwned = true"><b onclick="alert(1)">!</b>',
            ],
          },
        }),
      ]),
    );
    renderApp('/experts?q=kubernetes');

    const card = (await screen.findByRole('link', { name: 'Max Beispiel' })).closest('article');
    if (!card) throw new Error('no card');
    const mark = card.querySelector('mark');
    expect(mark).toHaveTextContent('Kubernetes');
    expect(card.querySelector('script, img, b, [onclick], [onerror]')).toBeNull();
    expect(document.body.innerHTML).not.toContain('pwned');
    expect(within(card).getByRole('list', { name: 'Treffer im Text' })).toHaveTextContent('Betreibt Kubernetes seit 2016!');
    expect(screen.getByRole('link', { name: 'Max Beispiel' })).toHaveAttribute('href', '/experts/max-beispiel');
  });

  it('offers did-you-mean suggestions that start a new search', async () => {
    const queries = useSearchServer('public/experts/', buildSearchResult([], { suggestions: ['kubernetes'] }));
    const { user, router } = renderApp('/experts?q=kubernets');

    await user.click(await screen.findByRole('button', { name: 'kubernetes' }));

    await waitFor(() => expect(router.state.location.search).toBe('?q=kubernetes'));
    await waitFor(() => expect(queries.at(-1)?.get('q')).toBe('kubernetes'));
  });

  it('picks a skill from the autocomplete as a filter', async () => {
    const queries = useSearchServer('public/experts/', buildSearchResult([buildExpertCard()]));
    server.use(
      http.get(url('public/experts/autocomplete/'), () =>
        HttpResponse.json({ skills: [kubernetes], experts: [{ slug: 'max-beispiel', name: 'Max Beispiel', headline: 'Plattform-Engineer' }] }),
      ),
    );
    const { user, router } = renderApp('/experts');

    await user.type(await screen.findByRole('combobox', { name: 'Expert:innen suchen' }), 'kub');
    expect(await screen.findByRole('option', { name: /Max Beispiel/ })).toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { name: /Kubernetes/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');

    await waitFor(() => expect(router.state.location.search).toBe('?skill=kubernetes'));
    await waitFor(() => expect(queries.at(-1)?.get('skill')).toBe('kubernetes'));
  });

  it('finds experts for a described problem', async () => {
    useSearchServer('public/experts/', buildSearchResult([]));
    const matched: unknown[] = [];
    server.use(
      http.post(url('public/experts/match/'), async ({ request }) => {
        matched.push(await request.json());
        return HttpResponse.json({ results: [buildExpertCard()], skills: [kubernetes] });
      }),
    );
    const { user } = renderApp('/experts');

    const text = 'Unser Cluster fällt bei Last um, wer kennt sich mit Container-Orchestrierung aus?';
    await user.type(await screen.findByLabelText('Ihr Anliegen'), text);
    await user.click(screen.getByRole('button', { name: 'Expert:innen finden' }));

    const results = await screen.findByRole('region', { name: '1 passende Expert:in' });
    expect(within(results).getByText('Kubernetes', { selector: '.badge' })).toBeInTheDocument();
    expect(within(results).getByRole('link', { name: 'Max Beispiel' })).toHaveAttribute('href', '/experts/max-beispiel');
    expect(matched).toEqual([{ text }]);
  });
});

describe('DirectoryPage (colleagues, /directory)', () => {
  it('searches the internal directory and links to the internal profile', async () => {
    const queries = useSearchServer('directory/experts/', buildSearchResult([buildExpertCard()], { facets }));
    renderApp('/directory?ordering=name', { user: buildUser() });

    expect(await screen.findByRole('link', { name: 'Max Beispiel' })).toHaveAttribute('href', '/directory/max-beispiel');
    expect(queries[0]?.get('ordering')).toBe('name');
    expect(screen.getByRole('combobox', { name: 'Sortieren nach' })).toHaveValue('name');
  });
});
