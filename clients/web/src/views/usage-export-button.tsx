import { Download, Loader2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { errorMessage } from '../lib/errors.ts';
import { useParley } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { saveTextFile } from '../lib/save-text.ts';
import { usageApi } from '../lib/usage-api.ts';

/** The export's file name: `parley-usage-2026-12.csv` (as the service's Content-Disposition names it). */
export const csvFileName = (month: string) => `parley-usage-${month}.csv`;

/**
 * "Download CSV" (admins, ADR 0021): fetches `GET /usage/export.csv?month=` with the bearer token
 * (a plain link could not send it), then saves it as a month-stamped file. While it loads the button
 * says so and cannot be pressed twice; a failure says why beside it, and pressing again retries.
 */
export function UsageExportButton({ month }: { month: string }) {
  const { t } = useT();
  const { api } = useParley();
  const [state, setState] = useState<{ status: 'idle' | 'loading' } | { status: 'error'; message: string }>({
    status: 'idle',
  });
  const download = async () => {
    setState({ status: 'loading' });
    try {
      const csv = await usageApi(api).exportCsv(month);
      saveTextFile(csv, csvFileName(month));
      setState({ status: 'idle' });
    } catch (error) {
      setState({ status: 'error', message: `${t('usage.exportError')} ${errorMessage(t, error)}` });
    }
  };
  const loading = state.status === 'loading';
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="outline"
        size="sm"
        onClick={() => void download()}
        disabled={loading}
        aria-busy={loading}
        data-testid="usage-export"
      >
        {loading ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Download aria-hidden="true" />}
        {loading ? t('usage.exporting') : t('usage.exportCsv')}
      </Button>
      {state.status === 'error' ? (
        <p role="alert" className="text-xs text-destructive" data-testid="usage-export-error">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
