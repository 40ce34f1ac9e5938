// What the extension's pages may ask the background to do. Pages never write
// prompts or the outbox themselves, so the service worker is their only writer.
import type { Answer } from '../../shared/schemas';

export type Message =
  | { type: 'answer'; key: string; answer: Answer }
  | { type: 'snooze'; key: string }
  | { type: 'poll-now' }
  /** `now` skips the backoff wait (the view's "Try again now"). */
  | { type: 'flush-outbox'; now?: boolean }
  | { type: 'account-changed' };

export type Reply = { ok: true; responseId?: string } | { ok: false; error: string };
