// Loads API data with loading/error state; a newer request supersedes an older one.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http.ts';

export type FetchState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ok'; data: T; error: null }
  | { status: 'error'; data: T | null; error: ApiError };

/** Runs `load` whenever a dependency changes; `reload` repeats it (for "Erneut versuchen"). */
export function useFetch<T>(
  load: (() => Promise<T>) | null,
  deps: readonly unknown[],
): FetchState<T> & { reload: () => void } {
  const [state, setState] = useState<FetchState<T>>({ status: 'loading', data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    load().then(
      (data) => live && setState({ status: 'ok', data, error: null }),
      (e: unknown) =>
        live &&
        setState((s) => ({
          status: 'error',
          data: s.data,
          error:
            e instanceof ApiError
              ? e
              : new ApiError(e instanceof Error ? e.message : String(e), 500, 'client'),
        })),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick, load === null]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
