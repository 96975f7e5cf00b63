import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

// Loaded up front so the lazy route resolves at once (the editor bundle is large).
import '@/features/profile/components/profile-page';
import { buildMyProfile, buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const SUGGESTION = { skill: { id: 11, slug: 'kubernetes', name: 'Kubernetes' }, evidence_count: 2, last_seen: null, status: 'open' };

describe('SkillSuggestionsHint', () => {
  it('points from the profile editor to the skills found in imported posts', async () => {
    server.use(
      http.get(url('profile/'), () => HttpResponse.json(buildMyProfile())),
      http.get(url('profile/skill-suggestions/'), () =>
        HttpResponse.json([
          { id: 1, ...SUGGESTION },
          { id: 2, ...SUGGESTION, skill: { id: 12, slug: 'terraform', name: 'Terraform' } },
        ]),
      ),
    );
    renderApp('/profile', { user: buildUser() });

    const hint = await screen.findByText(/In Ihren Beiträgen kommen 2 Kompetenzen vor/);
    expect(hint).toHaveTextContent('z. B. Kubernetes, Terraform.');
    expect(screen.getByRole('link', { name: 'Vorschläge ansehen' })).toHaveAttribute('href', '/activity');
  });

  it('stays away when there is nothing to suggest', async () => {
    let asked = 0;
    server.use(
      http.get(url('profile/'), () => HttpResponse.json(buildMyProfile())),
      http.get(url('profile/skill-suggestions/'), () => {
        asked += 1;
        return HttpResponse.json([]);
      }),
    );
    renderApp('/profile', { user: buildUser() });

    expect(await screen.findByRole('heading', { name: 'Mein Profil', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(asked).toBeGreaterThan(0));
    expect(screen.queryByRole('link', { name: 'Vorschläge ansehen' })).toBeNull();
  });
});
