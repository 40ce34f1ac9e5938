// Request bodies: size limits enforced on Content-Length and again on the bytes
// actually streamed (a client may lie or send chunked), then JSON + zod.
import type { z } from 'zod';
import { ApiError, type Issue } from '../domain/errors';

export const JSON_LIMIT = 64 * 1024;
/** Bulk pairs: 1,000 pairs of about 200 bytes each, with room to spare. */
export const BULK_JSON_LIMIT = 1024 * 1024;
/** The CSV import: 20,000 people and 10,000 pairs take about 2.5 MB. */
export const CSV_LIMIT = 8 * 1024 * 1024;
export const HISTORY_LIMIT = 10 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `the body is over ${limit} bytes`);

export async function readText(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
    code: issue.code,
  }));
}

/** The 400 envelope for a failed validation: each problem in `issues`, and the first few in the message, so it says what is accepted. */
export function invalidInput(error: z.ZodError): ApiError {
  const issues = zodIssues(error);
  const said = issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new ApiError(400, 'invalid_input', `the input is not valid: ${said.join('; ')}${more}`, issues);
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** The JSON document in `text`, or the 400 `invalid_json` envelope. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON', [
      { path: [], message: 'expected a JSON document', code: 'invalid_json' },
    ]);
  }
}
