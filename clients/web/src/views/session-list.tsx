import { Laptop } from 'lucide-react';
import { useCallback, useEffect, useId, useState } from 'react';
import { Alert } from '../components/ui/alert.tsx';
import { Badge } from '../components/ui/badge.tsx';
import { Button } from '../components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card.tsx';
import { errorMessage } from '../lib/errors.ts';
import { relativeTime } from '../lib/format.ts';
import { useSession, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { itemsOf, readSession, type Session } from '../lib/model.ts';

/** My sessions (GET /identity/sessions) and a revoke button for each. */
export function SessionList() {
  const { t, locale } = useT();
  const { api } = useWorkspace();
  const session = useSession();
  const currentId = session.status === 'signed-in' ? session.sessionId : undefined;
  const [sessions, setSessions] = useState<Session[]>();
  const [error, setError] = useState<unknown>();
  const id = useId();

  const load = useCallback(async () => {
    try {
      const body = await api.request<unknown>('GET', '/identity/sessions');
      setSessions(itemsOf(body).flatMap((raw) => readSession(raw, currentId) ?? []));
    } catch (caught) {
      setError(caught);
    }
  }, [api, currentId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(sessionId: string) {
    setError(undefined);
    try {
      await api.request('DELETE', `/identity/sessions/${encodeURIComponent(sessionId)}`);
      setSessions((list) => list?.filter((s) => s.id !== sessionId));
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t('settings.sessions')}</CardTitle>
        <CardDescription>{t('settings.sessionsLead')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error ? <Alert variant="destructive">{errorMessage(t, error)}</Alert> : null}
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
                <Button variant="outline" size="sm" onClick={() => void revoke(s.id)}>
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
