// One error type for the whole Worker. The domain throws it with the HTTP
// status it means; the app's single onError turns it into API.md's envelope.

export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'unauthorized'
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
