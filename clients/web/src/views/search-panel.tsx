import { Search, X } from 'lucide-react';
import type * as React from 'react';
import { Input } from '../components/ui/input.tsx';
import { useT } from '../lib/i18n.ts';
import { useSearch, useSearchStore } from '../lib/search-hooks.ts';
import { MAX_QUERY } from '../lib/search-store.ts';
import { cn } from '../lib/utils.ts';
import { SearchResults } from './search-results.tsx';

/**
 * Message search above the conversation list: while the box holds a query, the results take the
 * list's place (`children`); cleared, the list is back. With a chat open, "Only in this chat"
 * narrows the search to it.
 */
export function MessageSearch({
  openChat,
  className,
  children,
}: {
  openChat?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const { t } = useT();
  const store = useSearchStore();
  const query = useSearch(store, (s) => s.query);
  const scope = useSearch(store, (s) => s.conversationId);
  const active = query.trim().length > 0;

  return (
    <div className={cn('flex min-h-0 flex-col border-r bg-subtle', className)} data-testid="message-search">
      <search className="flex flex-col gap-2 px-4 pt-4" aria-label={t('search.label')}>
        <div className="relative">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            type="search"
            value={query}
            maxLength={MAX_QUERY}
            onChange={(e) => store.setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void store.searchNow();
              if (e.key === 'Escape') store.clear();
            }}
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            data-testid="message-search-input"
            className="h-9 bg-background pr-9 pl-9 [&::-webkit-search-cancel-button]:appearance-none"
          />
          {active ? (
            <button
              type="button"
              onClick={() => store.clear()}
              aria-label={t('search.clear')}
              title={t('search.clear')}
              className="absolute top-1/2 right-2 flex size-6 -translate-y-1/2 items-center justify-center rounded text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              <X className="size-4" aria-hidden="true" />
            </button>
          ) : null}
        </div>
        {active && openChat ? (
          <label className="flex items-center gap-2 text-xs text-muted-foreground">
            <input
              type="checkbox"
              checked={scope === openChat}
              onChange={(e) => store.setScope(e.target.checked ? openChat : undefined)}
              data-testid="message-search-this-chat"
            />
            {t('search.thisChat')}
          </label>
        ) : null}
      </search>
      {active ? <SearchResults store={store} /> : children}
    </div>
  );
}
