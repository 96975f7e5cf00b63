import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildUser } from '@/testing/mocks/data';
import { server, url } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const GUIDELINE = {
  id: 3, version: 2, title_de: 'Social-Media-Richtlinie', title_en: 'Social media guidelines',
  text_de: '<p>Seien Sie <strong>respektvoll</strong>.<script>alert(1)</script></p>', text_en: '<p>Be respectful.</p>',
  published_at: '2026-11-20T10:00:00Z', created_at: '2026-11-20T09:00:00Z',
};

describe('GuidelinesPage', () => {
  it('shows the current version and records the acceptance', async () => {
    const accepted: unknown[] = [];
    server.use(
      http.get(url('guidelines/current/'), () => HttpResponse.json({ guideline: GUIDELINE, accepted: false, accepted_at: null })),
      http.post(url('guidelines/current/accept/'), async ({ request }) => {
        accepted.push(await request.json());
        return HttpResponse.json({ guideline: GUIDELINE, accepted: true, accepted_at: '2026-11-22T12:00:00Z' });
      }),
    );
    const { user } = renderApp('/guidelines', { user: buildUser() });
    expect(await screen.findByText('respektvoll')).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('Bevor Sie teilen können, akzeptieren Sie bitte diese Version.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Gelesen und akzeptiert' }));
    await waitFor(() => expect(accepted).toEqual([{ version_id: 3 }]));
    expect(await screen.findByText(/Sie haben diese Version am .* akzeptiert/)).toBeInTheDocument();
  });
});
