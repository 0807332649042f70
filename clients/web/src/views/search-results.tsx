import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { shortTime } from '../lib/format.ts';
import { useConversations, useDisplayName } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import type { SearchHit } from '../lib/search-api.ts';
import { groupByConversation, highlightPieces } from '../lib/search-groups.ts';
import { useSearch } from '../lib/search-hooks.ts';
import { MIN_QUERY, type SearchStore } from '../lib/search-store.ts';
import { useConversationTitle } from './use-conversation-title.ts';

/** The results of a message search: loading, empty, failed, or hits grouped by conversation. */
export function SearchResults({ store }: { store: SearchStore }) {
  const { t } = useT();
  const status = useSearch(store, (s) => s.status);
  const items = useSearch(store, (s) => s.items);
  const query = useSearch(store, (s) => s.query);
  const nextCursor = useSearch(store, (s) => s.nextCursor);
  const loadingMore = useSearch(store, (s) => s.loadingMore);
  const error = useSearch(store, (s) => s.error);
  const reason =
    error?.code === 'rate_limited' ? t('search.rateLimited') : t('search.failed', { reason: error?.message ?? '' });

  return (
    <section
      className="min-h-0 flex-1 overflow-y-auto px-2 pt-2 pb-4"
      aria-label={t('search.results')}
      aria-busy={status === 'loading'}
      data-testid="search-results"
    >
      {query.trim().length < MIN_QUERY ? (
        <p className="px-4 py-6 text-sm text-muted-foreground">{t('search.tooShort')}</p>
      ) : null}
      {status === 'loading' ? <ResultsSkeleton label={t('search.loading')} /> : null}
      {status === 'error' ? (
        <Alert variant="destructive" className="mx-2" data-testid="search-error">
          <span className="flex-1">{reason}</span>
          <button type="button" className="text-xs underline" onClick={() => void store.searchNow()}>
            {t('search.retry')}
          </button>
        </Alert>
      ) : null}
      {status === 'ready' && items.length === 0 ? (
        <div className="px-4 py-10 text-center" data-testid="search-empty">
          <p className="font-medium">{t('search.empty')}</p>
          <p className="mt-1 text-sm text-muted-foreground">{t('search.emptyHint')}</p>
        </div>
      ) : null}
      {status === 'ready' && items.length > 0 ? (
        <>
          {groupByConversation(items).map((group) => (
            <ResultGroup key={group.conversationId} conversationId={group.conversationId} hits={group.hits} />
          ))}
          {error ? (
            <p className="px-4 py-2 text-sm text-destructive" role="alert">
              {reason}
            </p>
          ) : null}
          {nextCursor ? (
            <div className="px-2 pt-2">
              <Button variant="ghost" className="w-full" disabled={loadingMore} onClick={() => void store.loadMore()}>
                {loadingMore ? t('search.loadingMore') : t('search.more')}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function ResultGroup({ conversationId, hits }: { conversationId: string; hits: SearchHit[] }) {
  const conversation = useConversations((s) => s.conversations[conversationId]);
  const { title } = useConversationTitle(conversation);
  return (
    <div className="mb-3" data-testid="search-group">
      <h2 className="px-4 pb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title || '…'}</h2>
      <ul className="flex flex-col gap-0.5">
        {hits.map((hit) => (
          <ResultRow key={`${hit.conversationId}#${hit.seq}`} hit={hit} />
        ))}
      </ul>
    </div>
  );
}

function ResultRow({ hit }: { hit: SearchHit }) {
  const { t, locale } = useT();
  const name = useDisplayName(hit.senderId);
  return (
    <li>
      <a
        href={`#/c/${encodeURIComponent(hit.conversationId)}/m/${hit.seq}`}
        onClick={(e) => {
          e.preventDefault();
          navigate({ view: 'chats', conversationId: hit.conversationId, seq: hit.seq });
        }}
        className="flex flex-col gap-0.5 rounded-lg px-4 py-2 hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        data-testid="search-hit"
      >
        <span className="text-xs text-muted-foreground">
          {t('search.hitBy', { name, time: shortTime(hit.sentAt, locale) })}
        </span>
        <span className="line-clamp-3 text-sm break-words">
          {highlightPieces(hit.text, hit.highlights).map((piece) =>
            piece.marked ? (
              <mark
                key={piece.start}
                className="rounded-sm bg-primary-soft px-0.5 text-primary-soft-foreground"
                data-testid="search-mark"
              >
                {piece.text}
              </mark>
            ) : (
              <span key={piece.start}>{piece.text}</span>
            ),
          )}
        </span>
      </a>
    </li>
  );
}

function ResultsSkeleton({ label }: { label: string }) {
  return (
    <div className="flex flex-col gap-3 px-4 py-2" role="status" aria-label={label} data-testid="search-loading">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex flex-col gap-2">
          <Skeleton className="h-3 w-1/3" />
          <Skeleton className="h-3 w-4/5" />
        </div>
      ))}
    </div>
  );
}
