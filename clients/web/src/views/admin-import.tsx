import { useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Input } from '../components/ui/input.tsx';
import { useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { numbersErrorMessage } from '../lib/numbers-errors.ts';
import { useAdminNumbers } from '../lib/numbers-hooks.ts';

/** Import a number the SIP trunk's carrier already gave us, typed in E.164. */
export function AdminImport() {
  const { t } = useT();
  const { adminNumbers } = useWorkspace();
  const [e164, setE164] = useState('');
  const typed = e164.replace(/[\s().-]/g, '');
  const busy = useAdminNumbers((s) => Boolean(typed && s.busy[typed]));
  const actionError = useAdminNumbers((s) =>
    s.actionError?.action === 'importing' && s.actionError.e164 === typed ? s.actionError.error : undefined,
  );
  const ids = { title: useId(), field: useId() };

  return (
    <Card aria-labelledby={ids.title}>
      <CardHeader>
        <CardTitle id={ids.title}>{t('admin.importTitle')}</CardTitle>
        <CardDescription>{t('admin.importLead')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void adminNumbers.importNumber(typed).then((done) => done && setE164(''));
          }}
        >
          <div className="flex flex-1 flex-col gap-1.5">
            <label htmlFor={ids.field} className="text-sm font-medium">
              {t('admin.importField')}
            </label>
            <Input
              id={ids.field}
              type="tel"
              inputMode="tel"
              placeholder="+507 …"
              value={e164}
              onChange={(e) => setE164(e.target.value)}
              aria-invalid={actionError ? true : undefined}
              data-testid="import-number"
            />
          </div>
          <Button type="submit" variant="outline" disabled={!/^\+[1-9]\d{6,14}$/.test(typed) || busy}>
            {t('admin.import')}
          </Button>
        </form>
        {actionError ? (
          <Alert variant="destructive" className="mt-3">
            {numbersErrorMessage(t, actionError)}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
