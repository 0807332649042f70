import { Loader2 } from 'lucide-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useCalls } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';

/**
 * The shell's views that the chat list does not need, each loaded with `import()` when first shown:
 * the Calls view, the admin area, People, Settings and Usage, and the call layer (ringing panels and the
 * call screens, whose media engines load amazon-chime-sdk-js or the relay on a join). The call
 * layer is fetched once the browser is idle after sign-in, and at once when a call rings first, so a
 * ring still shows straight away. `tools/bench/test/web-bundle.test.ts` checks the split on the build.
 */
const loadCallLayer = () => import('./call-layer.tsx');
const CallLayer = lazy(() => loadCallLayer().then((m) => ({ default: m.CallLayer })));
const CallsView = lazy(() => import('./calls-view.tsx').then((m) => ({ default: m.CallsView })));
const AdminView = lazy(() => import('./admin-view.tsx').then((m) => ({ default: m.AdminView })));
const PeopleView = lazy(() => import('./people-view.tsx').then((m) => ({ default: m.PeopleView })));
const SettingsView = lazy(() => import('./settings-view.tsx').then((m) => ({ default: m.SettingsView })));
const UsageView = lazy(() => import('./usage-view.tsx').then((m) => ({ default: m.UsageView })));

/** While a view's chunk loads: the same calm spinner as the splash, in the view's place. */
function ViewLoading() {
  const { t } = useT();
  return (
    <div className="flex flex-1 items-center justify-center p-8" aria-busy="true">
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <Loader2 className="size-4 animate-spin" aria-hidden="true" />
        {t('common.loading')}
      </p>
    </div>
  );
}

function onIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 3_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 200);
  return () => clearTimeout(id);
}

export function LazyCallsView() {
  return (
    <Suspense fallback={<ViewLoading />}>
      <CallsView />
    </Suspense>
  );
}

export function LazyAdminView() {
  return (
    <Suspense fallback={<ViewLoading />}>
      <AdminView />
    </Suspense>
  );
}

export function LazyPeopleView() {
  return (
    <Suspense fallback={<ViewLoading />}>
      <PeopleView />
    </Suspense>
  );
}

export function LazySettingsView() {
  return (
    <Suspense fallback={<ViewLoading />}>
      <SettingsView />
    </Suspense>
  );
}

export function LazyUsageView() {
  return (
    <Suspense fallback={<ViewLoading />}>
      <UsageView />
    </Suspense>
  );
}

/** The call layer: mounted once the browser is idle after sign-in, or at once when a call needs it. */
export function DeferredCallLayer() {
  const needed = useCalls((s) => s.current !== undefined || s.rings.length > 0 || s.notice !== undefined);
  const [idle, setIdle] = useState(false);
  useEffect(() => onIdle(() => setIdle(true)), []);
  if (!needed && !idle) return null;
  return (
    <Suspense fallback={null}>
      <CallLayer />
    </Suspense>
  );
}
