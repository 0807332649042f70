import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// The screens and the shell's views are lazy chunks (app.tsx, views/lazy-views.tsx). Their modules
// are loaded here, before the tests, so a test's first visit to a view does not wait for vitest to
// transform that view's module graph (a browser has the chunk preloaded or fetches it in a moment).
await Promise.all([
  import('../views/auth-screen.tsx'),
  import('../views/app-shell.tsx'),
  import('../views/call-layer.tsx'),
  import('../views/calls-view.tsx'),
  import('../views/admin-view.tsx'),
  import('../views/people-view.tsx'),
  import('../views/settings-view.tsx'),
]);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
