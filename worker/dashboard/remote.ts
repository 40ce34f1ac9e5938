// One analytics call's life on screen: loading, failed, or ready with data.
import { useCallback, useEffect, useState } from 'preact/hooks';

export type Remote<T> =
  | { state: 'loading' }
  | { state: 'error'; error: Error }
  | { state: 'ready'; data: T; updating?: boolean };

export function useRemote<T>(load: () => Promise<T>, deps: unknown[]): [Remote<T>, () => void] {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    // Keep showing the last answer while a newer one loads, so cards do not flash.
    setRemote((previous) => (previous.state === 'ready' ? { ...previous, updating: true } : { state: 'loading' }));
    load().then(
      (data) => current && setRemote({ state: 'ready', data }),
      (error: unknown) => current && setRemote({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    // A slower, older answer must not overwrite the newer one.
    return () => {
      current = false;
    };
    // The caller lists what the load depends on, as with useEffect.
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [remote, reload];
}
