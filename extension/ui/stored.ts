// Pages read storage and re-render when the background changes it.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message, Reply } from '../background/messages';
import { read, type Stored } from '../state/store';

/** The stored value, or undefined until the first read finishes. */
export function useStored<K extends keyof Stored>(key: K): Stored[K] | undefined {
  const [value, setValue] = useState<{ v: Stored[K] }>();
  useEffect(() => {
    let live = true;
    const load = () => void read(key).then((v) => live && setValue({ v }));
    load();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && key in changes) load();
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [key]);
  return value?.v;
}

export function ask(message: Message): Promise<Reply> {
  return browser.runtime.sendMessage(message) as Promise<Reply>;
}
