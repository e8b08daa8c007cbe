/**
 * The awareness state every client publishes (SPEC.md, "Awareness state"), read
 * defensively because any client may publish anything, plus this browser's
 * remembered name and colour.
 */

export interface PresenceUser {
  name: string;
  color: string;
}

export interface FlowPoint {
  x: number;
  y: number;
}

export interface PresenceState {
  user: PresenceUser;
  cursor: FlowPoint | null;
  selection: string[];
  drag: Record<string, FlowPoint> | null;
}

/** Someone other than me, as drawn next to what they touch. */
export interface RemoteMark {
  clientId: number;
  name: string;
  color: string;
}

export const PRESENCE_COLORS = [
  '#e11d48',
  '#d97706',
  '#059669',
  '#0891b2',
  '#4f46e5',
  '#9333ea',
  '#c026d3',
  '#ea580c',
  '#0d9488',
  '#2563eb',
] as const;

const ADJECTIVES = ['Quiet', 'Patient', 'Candid', 'Steady', 'Astute', 'Careful', 'Frank', 'Nimble'];
const NOUNS = ['Envoy', 'Delegate', 'Observer', 'Analyst', 'Mediator', 'Rapporteur', 'Attaché', 'Sherpa'];
const USER_KEY = 'parley.user.v1';
export const NAME_MAX = 40;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

function isPoint(value: unknown): value is FlowPoint {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y } = value as Record<string, unknown>;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}

function isColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

/** Normalises a remote awareness state; null when it carries no user (not a Parley client). */
export function readPresence(raw: unknown): PresenceState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const state = raw as Record<string, unknown>;
  const user = state.user as Record<string, unknown> | undefined;
  if (typeof user !== 'object' || user === null) return null;
  const name =
    typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, NAME_MAX) : 'Guest';
  const color = isColor(user.color) ? user.color : '#64748b';
  const selection = Array.isArray(state.selection)
    ? state.selection.filter((id): id is string => typeof id === 'string').slice(0, 5000)
    : [];
  let drag: Record<string, FlowPoint> | null = null;
  if (typeof state.drag === 'object' && state.drag !== null) {
    drag = {};
    for (const [id, point] of Object.entries(state.drag)) if (isPoint(point)) drag[id] = point;
  }
  return { user: { name, color }, cursor: isPoint(state.cursor) ? state.cursor : null, selection, drag };
}

export function loadLocalUser(): PresenceUser {
  try {
    const stored = JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as Partial<PresenceUser> | null;
    if (stored && typeof stored.name === 'string' && stored.name.trim() && isColor(stored.color)) {
      return { name: stored.name.trim().slice(0, NAME_MAX), color: stored.color };
    }
  } catch {
    // unreadable storage: fall through to a fresh identity
  }
  const user = { name: `${pick(ADJECTIVES)} ${pick(NOUNS)}`, color: pick(PRESENCE_COLORS) };
  saveLocalUser(user);
  return user;
}

export function saveLocalUser(user: PresenceUser): void {
  try {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  } catch {
    // storage disabled: the name lasts for this page only
  }
}
