// A small loader hook for read-only pages: loading, data, error, reload. Enough for this app
// without pulling in a data-fetching library.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-client';
import { useLang } from './i18n';

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Run `load` on mount, whenever `deps` change, and when the UI language changes
 * (server error messages are localized at request time, so they must be fetched again).
 */
export function useApiQuery<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): ApiQuery<T> {
  const { lang } = useLang();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  // Keep the latest loader without making it a dependency: callers pass inline arrows.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setLoading(false);
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)));
        setLoading(false);
      },
    );
    // Abort so a slow answer for an old filter or page cannot overwrite a newer one.
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang, generation, ...deps]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
