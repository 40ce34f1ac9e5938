// What the extension's pages may ask the background to do. Pages never write
// prompts or the outbox themselves, so the service worker is their only writer.
import type { SessionAnswer } from '../../shared/schemas';

export type Message =
  | { type: 'answer'; key: string; answer: SessionAnswer }
  | { type: 'snooze'; key: string }
  /** Stop matching a recurring series (by calendar UID); its waiting prompts go. */
  | { type: 'ignore-series'; seriesUid: string; title: string }
  | { type: 'unignore-series'; seriesUid: string }
  | { type: 'poll-now' }
  /** `now` skips the backoff wait (the view's "Try again now"). */
  | { type: 'flush-outbox'; now?: boolean }
  | { type: 'account-changed' };

export type Reply = { ok: true; responseId?: string } | { ok: false; error: string };
