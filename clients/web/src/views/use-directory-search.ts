import { useEffect, useState } from 'react';
import { useWorkspace } from '../lib/hooks.ts';
import type { Profile } from '../lib/model.ts';

/** Debounced directory search; empty query → no results. */
export function useDirectorySearch(query: string, delayMs = 250) {
  const { people } = useWorkspace();
  const [results, setResults] = useState<Profile[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      people
        .search(q)
        .then((found) => {
          if (!live) return;
          setResults(found);
          setError(undefined);
        })
        .catch((caught) => live && setError(caught))
        .finally(() => live && setLoading(false));
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [people, query, delayMs]);
  return { results, loading, error };
}
