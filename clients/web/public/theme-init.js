// Runs before the first paint (a classic, blocking script: the CSP allows no inline script). It puts
// the stored theme (or the system's, for "system") on <html>, so a dark page never flashes white.
// src/lib/theme.ts applies the same rule once the app runs and keeps following the system.
(() => {
  let choice = 'system';
  try {
    choice = localStorage.getItem('parley.theme') || 'system';
  } catch {
    // storage unavailable: follow the system
  }
  const dark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  const root = document.documentElement;
  root.classList.toggle('dark', dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
  root.dataset.theme = dark ? 'dark' : 'light';
})();
