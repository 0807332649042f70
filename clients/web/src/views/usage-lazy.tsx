import { Loader2 } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { useT } from '../lib/i18n.ts';

/** The Usage page, loaded with `import()` when first shown (the chat list does not need it). */
const UsageView = lazy(() => import('./usage-view.tsx').then((m) => ({ default: m.UsageView })));

function UsageLoading() {
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

export function LazyUsageView() {
  return (
    <Suspense fallback={<UsageLoading />}>
      <UsageView />
    </Suspense>
  );
}
