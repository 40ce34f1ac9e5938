// The request schemas of the HTTP API moved to shared/contract/, beside the
// responses; this module re-exports them so existing imports keep working.
export * from './contract';
export * from './vocabulary';
export { ANSWER_WINDOW_MS, FUTURE_TOLERANCE_MS, answerDeadline } from './answer-window';
