import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

import { i18n } from '@/lib/i18n';
import { server, session } from '@/testing/mocks/server';

// findBy*/waitFor poll until the page shows what they look for; 1 s (the default) is missed on a loaded
// machine. A generous limit costs nothing when the page is right: they return at the first match.
configure({ asyncUtilTimeout: 15_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

beforeEach(async () => {
  session.me = null;
  window.localStorage.clear();
  document.cookie = 'csrftoken=test-csrf-token; path=/';
  await i18n.changeLanguage('de');
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
});

afterAll(() => server.close());
