// The editor's live check: the process is sent to POST /process/check a moment after the last keystroke, and an
// answer for an older version of the process never replaces a newer one.
import { useEffect, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { processApi, type CheckInput, type CheckResult } from './api';

/** How long typing must pause before the process is checked and drawn again. */
export const CHECK_DELAY_MS = 300;

export interface ProcessCheck {
  /** The latest answer (kept while the next one is on its way, so the drawing does not flicker away). */
  result: CheckResult | undefined;
  /** Waiting for the pause or for the server. */
  pending: boolean;
  error: ApiError | undefined;
}

/** Checks and draws `input` (null: nothing to check) after each pause in the changes. */
export function useProcessCheck(input: CheckInput | null): ProcessCheck {
  // The effect depends on the content, not on the object: the editor builds a new one on every render.
  const key = input ? JSON.stringify(input) : null;
  const [result, setResult] = useState<CheckResult>();
  const [error, setError] = useState<ApiError>();
  const [settledKey, setSettledKey] = useState<string | null>(null);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      processApi.check(JSON.parse(key) as CheckInput, controller.signal).then(
        (answer) => {
          if (controller.signal.aborted) return;
          setResult(answer);
          setError(undefined);
          setSettledKey(key);
        },
        (cause: unknown) => {
          if (controller.signal.aborted) return;
          setError(cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)));
          setSettledKey(key);
        },
      );
    }, CHECK_DELAY_MS);
    // A newer version of the process (or leaving the page) cancels both the wait and the request in flight.
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  return { result, error, pending: key !== null && settledKey !== key };
}
