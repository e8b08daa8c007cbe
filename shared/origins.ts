/**
 * Typed transaction origins. Every mutation in shared/mutations.ts takes one, so
 * that undo managers track only their own user's changes (R9) and observers can
 * tell their own writes from remote ones without echo loops.
 */

/** An edit made by the person at this replica. One instance per session. */
export interface LocalOrigin {
  readonly kind: 'local';
  readonly session: string;
}

/** A change made by the system rather than a person. */
export interface SystemOrigin {
  readonly kind: 'system';
  readonly reason: 'cleanup' | 'import' | 'template' | 'restore' | 'load';
}

export type ParleyOrigin = LocalOrigin | SystemOrigin;

let sessionCounter = 0;

export function createLocalOrigin(): LocalOrigin {
  sessionCounter += 1;
  return { kind: 'local', session: `s${sessionCounter}` };
}

export const CLEANUP_ORIGIN: SystemOrigin = Object.freeze({ kind: 'system', reason: 'cleanup' });
export const IMPORT_ORIGIN: SystemOrigin = Object.freeze({ kind: 'system', reason: 'import' });
export const TEMPLATE_ORIGIN: SystemOrigin = Object.freeze({ kind: 'system', reason: 'template' });
export const LOAD_ORIGIN: SystemOrigin = Object.freeze({ kind: 'system', reason: 'load' });
/** A round restored onto the live board (issue 4). */
export const RESTORE_ORIGIN: SystemOrigin = Object.freeze({ kind: 'system', reason: 'restore' });

export function isParleyOrigin(value: unknown): value is ParleyOrigin {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  const kind = (value as { kind: unknown }).kind;
  return kind === 'local' || kind === 'system';
}
