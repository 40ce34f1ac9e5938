// One error type for the whole Worker. The domain throws it with the HTTP
// status it means; the app's single onError turns it into the error envelope (worker/http/errors.ts).

export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'unauthorized'
  | 'access_reset'
  | 'token_revoked'
  | 'token_rotated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'internal';

export interface Issue {
  path: (string | number)[];
  message: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'this token may not do that') => new ApiError(403, 'forbidden', message);
export const invalid = (path: (string | number)[], message: string) =>
  new ApiError(400, 'invalid_input', message, [{ path, message, code: 'custom' }]);

/** Why a token stopped working (worker/storage/tokens.ts keeps the reason with the token's hash). */
export type RevocationReason = 'access_reset' | 'token_revoked' | 'token_rotated';

/** What the holder of a token that no longer works is told; the extension and the dashboard put it in plain words. */
const REVOKED_MESSAGES: Record<RevocationReason, string> = {
  access_reset: 'your access was reset by the programme: enter the new invite code from your coordinator to re-join',
  token_revoked: 'the programme revoked this device’s access: ask your coordinator for a new invite code to re-join',
  token_rotated: 'this token was replaced by a new one: ask your administrator for the current token',
};

/** No token, or one Twoway does not know. */
export const unauthorized = () => new ApiError(401, 'unauthorized', 'a valid bearer token is required');

export const revoked = (reason: RevocationReason) => new ApiError(401, reason, REVOKED_MESSAGES[reason]);
