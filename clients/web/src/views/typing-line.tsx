import { useConversations, useDisplayName } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';

/** "Ada is typing…" under the history (announced politely to screen readers). */
export function TypingLine({ conversationId }: { conversationId: string }) {
  const typing = useConversations((s) => s.typing[conversationId]);
  const ids = typing ? Object.keys(typing) : [];
  const name = useDisplayName(ids[0]);
  const { t } = useT();
  const text = ids.length === 0 ? '' : ids.length === 1 ? t('chat.typingOne', { name }) : t('chat.typingMany');
  return (
    <div className="h-6 px-5 text-xs text-muted-foreground" aria-live="polite" data-testid="typing-indicator">
      {text ? (
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-flex gap-0.5" aria-hidden="true">
            <span className="size-1.5 animate-bounce rounded-full bg-muted-foreground [animation-delay:-0.3s]" />
            <span className="size-1.5 animate-bounce rounded-full bg-muted-foreground [animation-delay:-0.15s]" />
            <span className="size-1.5 animate-bounce rounded-full bg-muted-foreground" />
          </span>
          {text}
        </span>
      ) : null}
    </div>
  );
}
