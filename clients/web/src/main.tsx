import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './index.css';
import { Parley } from './lib/parley.ts';
import { registerServiceWorker } from './lib/pwa.ts';
import { followSessionForCache } from './lib/pwa-cache.ts';
import { themeController } from './lib/theme.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// public/theme-init.js already painted the right theme; from here on the controller follows it.
themeController();
const parley = new Parley();
// The offline copy of the chats belongs to whoever is signed in, and goes at sign-out.
followSessionForCache(parley.session.state);
if (import.meta.env.PROD) void registerServiceWorker().catch(() => undefined);
createRoot(root).render(
  <StrictMode>
    <App parley={parley} />
  </StrictMode>,
);
