import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

import { i18n } from '@/lib/i18n';
import { server, session } from '@/testing/mocks/server';

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
