/** Renders the real routes and providers in memory, starting at a given path. */
import { render, screen, waitForElementToBeRemoved } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/routes';
import type { Me } from '@/lib/api/types';
import { createQueryClient } from '@/lib/react-query';
import { session } from '@/testing/mocks/server';

export function renderApp(path = '/', { user = null }: { user?: Me | null } = {}) {
  session.me = user;
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient({ queries: { retry: false, staleTime: 0 } });
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...result, router, queryClient, user: userEvent.setup({ delay: null }) };
}

/** Waits until the session check (auth/me) has finished. */
export async function waitForSession() {
  const spinner = screen.queryByRole('status');
  if (spinner) await waitForElementToBeRemoved(() => screen.queryByText(/Wird geladen|Loading/));
}
