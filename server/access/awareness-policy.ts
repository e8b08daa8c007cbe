/**
 * What the server accepts from a connection's awareness messages (SPEC
 * "Access"): only states for the one client id the connection owns (the first
 * it publishes a state for, while no other connection owns it), only JSON
 * objects no larger than a cap, and with `role` stamped by the server so
 * nobody can pose as the facilitator. Viewers are reduced to a presence:
 * name, colour and role; their cursor, selection and drag are dropped, so a
 * large audience cannot flood the canvas.
 *
 * Entries that break a rule are dropped, not answered with a close: stock
 * y-websocket clients echo other people's states back as a matter of course.
 */
import * as decoding from 'lib0/decoding';
import { type AwarenessEntry, encodeAwarenessEntries } from '../protocol.ts';
import type { Role } from './board-access.ts';

export interface AwarenessContext {
  role: Role;
  /** The client id this connection owns, or null before it has published one. */
  owned: number | null;
  /** Whether another live connection owns this client id. */
  ownedElsewhere(clientId: number): boolean;
  maxStateBytes: number;
}

export interface FilteredAwareness {
  /** The update to apply (only accepted entries, rewritten), or null when nothing is left. */
  update: Uint8Array | null;
  /** A client id this message claimed for the connection. */
  claimed: number | null;
  /** Entries dropped. */
  dropped: number;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
const NAME_MAX = 80;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A viewer's presence: who, in which colour, as a viewer. Nothing that moves on the canvas. */
function viewerState(state: Record<string, unknown>): Record<string, unknown> {
  const user = isPlainObject(state.user) ? state.user : {};
  const name = typeof user.name === 'string' ? user.name.slice(0, NAME_MAX) : 'Viewer';
  const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#888888';
  return { user: { name, color }, role: 'view' };
}

/** Decodes, checks and rewrites one awareness update from a connection. Throws on bytes that do not parse. */
export function filterAwareness(update: Uint8Array, ctx: AwarenessContext): FilteredAwareness {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const accepted: AwarenessEntry[] = [];
  let owned = ctx.owned;
  let claimed: number | null = null;
  let dropped = 0;
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > ctx.maxStateBytes) {
      dropped += 1;
      continue;
    }
    const state: unknown = JSON.parse(json);
    if (state === null) {
      // Only its owner may say a client left.
      if (owned === clientId) accepted.push({ clientId, clock, json: 'null' });
      else dropped += 1;
      continue;
    }
    if (!isPlainObject(state)) {
      dropped += 1;
      continue;
    }
    if (owned === null && !ctx.ownedElsewhere(clientId)) {
      owned = clientId;
      claimed = clientId;
    }
    if (owned !== clientId) {
      dropped += 1;
      continue;
    }
    const rewritten = ctx.role === 'view' ? viewerState(state) : { ...state, role: ctx.role };
    accepted.push({ clientId, clock, json: JSON.stringify(rewritten) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
  if (accepted.length === 0) return { update: null, claimed, dropped };
  return { update: encodeAwarenessEntries(accepted), claimed, dropped };
}
