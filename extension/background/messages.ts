// What the extension's pages may ask the background to do. Pages never write
// prompts or the outbox themselves, so the service worker is their only writer.
import type { SessionAnswer } from '../../shared/schemas';
import type { CheckAnswer, RequestInput } from './pair-loop';

export type Message =
  | { type: 'answer'; key: string; answer: SessionAnswer }
  | { type: 'snooze'; key: string }
  /** Stop matching a recurring series (by calendar UID); its waiting prompts go. */
  | { type: 'ignore-series'; seriesUid: string; title: string }
  | { type: 'unignore-series'; seriesUid: string }
  | { type: 'poll-now' }
  /** `now` skips the backoff wait (the view's "Try again now"). */
  | { type: 'flush-outbox'; now?: boolean }
  | { type: 'account-changed' }
  /** The fit question, a relationship check or the closing question (answeredAt is set by the background). */
  | { type: 'check'; programmeId: string; check: CheckAnswer }
  /** "Ask for a new partner" or "I'd like someone from the programme to contact me". */
  | { type: 'request'; programmeId: string; request: RequestInput }
  | { type: 'sharing'; programmeId: string; pairId: string; jointSummary: boolean };

/** id: the outbox entry of a check or request just queued. */
export type Reply = { ok: true; responseId?: string; id?: string } | { ok: false; error: string };
