import { Laptop } from 'lucide-react';
import { useEffect, useId } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { errorMessage } from '../lib/errors.ts';
import { relativeTime } from '../lib/format.ts';
import { useSettings, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';

/** My sessions and a revoke button for each but this device's (the settings store loads them). */
export function SessionList() {
  const { t, locale } = useT();
  const { settings } = useWorkspace();
  const { status, value: sessions, error } = useSettings((s) => s.sessions);
  const id = useId();

  useEffect(() => {
    void settings.loadSessions();
  }, [settings]);

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.sessions')}</CardTitle>
        <CardDescription>{t('settings.sessionsLead')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
        {status === 'loading' || status === 'idle' ? <Skeleton className="h-16" /> : null}
        {status === 'ready' && sessions?.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('settings.noSessions')}</p>
        ) : null}
        <ul className="flex flex-col divide-y">
          {(sessions ?? []).map((s) => (
            <li key={s.id} className="flex items-center gap-3 py-3" data-testid="session-row">
              <Laptop className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-2 truncate text-sm font-medium">
                  <span className="truncate">{describeAgent(s.userAgent)}</span>
                  {s.current ? <Badge variant="soft">{t('settings.thisDevice')}</Badge> : null}
                </p>
                <p className="text-xs text-muted-foreground">
                  {s.lastUsedAt
                    ? t('settings.lastUsed', { time: relativeTime(s.lastUsedAt, locale) })
                    : s.createdAt
                      ? t('settings.created', { time: relativeTime(s.createdAt, locale) })
                      : ''}
                </p>
              </div>
              {s.current ? null : (
                <Button variant="outline" size="sm" onClick={() => void settings.revokeSession(s.id)}>
                  {t('settings.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/** "Chrome on Linux" from a user agent string, or a generic name. */
export function describeAgent(agent: string | undefined): string {
  if (!agent) return 'Browser';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'Browser';
  const os = /Windows/.test(agent)
    ? 'Windows'
    : /Android/.test(agent)
      ? 'Android'
      : /iPhone|iPad/.test(agent)
        ? 'iOS'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}
