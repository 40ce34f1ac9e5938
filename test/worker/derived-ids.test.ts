// Derived ids name the same session and the same imported answer in every
// version of the Worker: a replayed history file must find its own rows.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { base64url, hex, nameBasedUuid } from '../../worker/auth/crypto';
import { sha256 } from '../../worker/auth/sha256';
import { sessionIdFor } from '../../worker/storage/sessions';

it('derives the same session and answer ids as ever', () => {
  // Values computed by the first implementation (btoa and Array.map based).
  expect(nameBasedUuid('history:abc:def')).toBe('c6ac61a1-f331-5682-92e5-f78ed0b0f716');
  expect(nameBasedUuid('history:ÄÖ✓:x')).toBe('9ec84244-c547-507e-b948-7024277158dd');
  expect(sessionIdFor('pair1', 'uid@2026-01-01T10:00:00Z')).toBe('zEoQK2OtPkAqSUWe_p04BQ');
});

it('encodes base64url and hex exactly as btoa and toString(16) do', () => {
  const reference64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
    expect(base64url(bytes)).toBe(reference64(bytes));
    expect(hex(bytes)).toBe([...bytes].map((b) => b.toString(16).padStart(2, '0')).join(''));
  }));
});

it('computes the SHA-256 that Web Crypto computes, for short and long texts', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 })), async (text) => {
    const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    expect(sha256(text)).toEqual(expected);
  }));
  // Around the block boundaries: 55, 56 and 64 bytes need one more block for the length.
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    expect(hex(sha256('a'.repeat(n)))).toBe(hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('a'.repeat(n))))));
  }
});
