/**
 * Capability tokens: 192 random bits, URL-safe. Only their SHA-256 hashes are
 * stored, so a copy of the database does not open any board; comparisons are
 * constant-time so response timing tells nothing about a stored hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 24;

/** Shape of every token we issue: 32 base64url characters. Anything else is refused unhashed. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Hex SHA-256 of a token: what storage keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** Whether `tokenHash` (a hashToken result) equals `storedHash`, in constant time. */
export function hashesEqual(tokenHash: string, storedHash: string | null): boolean {
  if (storedHash === null) return false;
  const a = Buffer.from(tokenHash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  // Hashes have a fixed length; a stored value of another length is corrupt, never a match.
  if (a.length !== 32 || b.length !== 32) return false;
  return timingSafeEqual(a, b);
}
