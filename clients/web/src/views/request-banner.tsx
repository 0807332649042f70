import { useState } from 'react';
import { Button } from '../components/ui/button.tsx';
import { useConversations, useDisplayName, usePeople, useWorkspace } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';

/**
 * Above the composer of a conversation I have not accepted (a message request, or a group someone I
 * don't know added me to): accept, decline (a group: leave) or block. Replying accepts too. In a
 * direct chat with someone I blocked, says so and offers to unblock.
 */
export function RequestBanner({ conversationId, otherId }: { conversationId: string; otherId?: string }) {
  const { conversations, people } = useWorkspace();
  const { t } = useT();
  const request = useConversations((s) => s.conversations[conversationId]?.request === true);
  const blocked = usePeople((s) => (otherId ? (s.blocked ?? []).includes(otherId) : false));
  const name = useDisplayName(otherId);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!request && !blocked) return null;

  const act = async (work: () => Promise<void>, leave = false) => {
    setBusy(true);
    setFailed(false);
    try {
      await work();
      if (leave) navigate({ view: 'chats' });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const block = async (id: string) => {
    await people.block(id);
    if (request) await conversations.decline(conversationId);
  };

  return (
    <section
      className="mx-3 mb-2 rounded-lg border bg-muted/60 px-4 py-3 text-sm md:mx-5"
      aria-label={t('request.badge')}
      data-testid="request-banner"
    >
      <p>{blocked ? t('block.blocked', { name }) : otherId ? t('request.direct', { name }) : t('request.group')}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        {blocked && otherId ? (
          <Button size="sm" variant="outline" disabled={busy} onClick={() => act(() => people.unblock(otherId))}>
            {t('block.unblock')}
          </Button>
        ) : (
          <>
            <Button size="sm" disabled={busy} onClick={() => act(() => conversations.accept(conversationId))}>
              {t('request.accept')}
            </Button>
            <Button
              size="sm"
              variant="outline"
              disabled={busy}
              onClick={() => act(() => conversations.decline(conversationId), true)}
            >
              {otherId ? t('request.decline') : t('request.leave')}
            </Button>
            {otherId ? (
              <Button size="sm" variant="destructive" disabled={busy} onClick={() => act(() => block(otherId), true)}>
                {t('request.block')}
              </Button>
            ) : null}
          </>
        )}
      </div>
      {failed ? (
        <p role="alert" className="mt-2 text-destructive">
          {t('request.failed')}
        </p>
      ) : null}
    </section>
  );
}
