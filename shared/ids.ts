/** Random, URL-safe identifiers from the platform CSPRNG (Node ≥ 20 and browsers). */

function randomBase64Url(bytes: number): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let binary = '';
  for (const b of buf) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Board ids: 128 random bits, 22 characters (R1). */
export function newBoardId(): string {
  return randomBase64Url(16);
}

export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value);
}

/** Actor and relation ids: 96 random bits; unique without coordination. */
export function newItemId(prefix: 'a' | 'r'): string {
  return `${prefix}_${randomBase64Url(12)}`;
}

/** Ids accepted for actors and relations (imports may bring their own). */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
