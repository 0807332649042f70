import { useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { useDisplayName, usePeople, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { PersonAvatar } from './person-avatar.tsx';

/** Settings: the people I blocked, each with Unblock (as WhatsApp's Privacy › Blocked). */
export function BlockedPeopleCard() {
  const { t } = useT();
  const { people } = useWorkspace();
  const blocked = usePeople((s) => s.blocked);
  const [failed, setFailed] = useState(false);
  const id = useId();

  useEffect(() => {
    void people.loadBlocks().catch(() => setFailed(true));
  }, [people]);

  return (
    <Card aria-labelledby={`${id}-title`} data-testid="blocked-people">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('block.title')}</CardTitle>
        <CardDescription>{t('block.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {failed ? <Alert variant="destructive">{t('block.loadFailed')}</Alert> : null}
        {!blocked && !failed ? <Skeleton className="h-10" aria-label={t('block.loading')} /> : null}
        {blocked?.length === 0 ? <p className="text-sm text-muted-foreground">{t('block.empty')}</p> : null}
        <ul className="flex flex-col divide-y">
          {(blocked ?? []).map((userId) => (
            <BlockedRow key={userId} userId={userId} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function BlockedRow({ userId }: { userId: string }) {
  const { t } = useT();
  const { people } = useWorkspace();
  const name = useDisplayName(userId);
  const [busy, setBusy] = useState(false);
  return (
    <li className="flex items-center gap-3 py-2" data-testid="blocked-row">
      <PersonAvatar userId={userId} className="size-8" />
      <span className="min-w-0 flex-1 truncate">{name}</span>
      <Button
        size="sm"
        variant="outline"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void people.unblock(userId).finally(() => setBusy(false));
        }}
      >
        {t('block.unblock')}
      </Button>
    </li>
  );
}
