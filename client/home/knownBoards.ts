/**
 * Boards this browser has opened or created, kept in localStorage, with the
 * link tokens it holds for them. Parley has no accounts: a board's links are
 * the keys to it, so this list is how a person finds their boards again (and
 * the only place the facilitator's links are kept: the server stores hashes).
 */
import { useSyncExternalStore } from 'react';

export type Role = 'owner' | 'edit' | 'view';

export const ROLES: readonly Role[] = ['owner', 'edit', 'view'];

export interface KnownBoard {
  id: string;
  title: string;
  /** ms since epoch */
  lastOpened: number;
  /** Link tokens this browser holds for the board, by the role they give. */
  tokens?: Partial<Record<Role, string>>;
  /** The token opened last (from a link), used to connect; its role may not be known yet. */
  token?: string;
}

const STORAGE_KEY = 'parley.boards.v1';
const MAX_BOARDS = 200;
const listeners = new Set<() => void>();
let cache: KnownBoard[] | null = null;

function isKnownBoard(value: unknown): value is KnownBoard {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.title === 'string' && typeof v.lastOpened === 'number';
}

/** Drops token fields that are not strings (a hand-edited or older entry). */
function cleanTokens(board: KnownBoard): KnownBoard {
  const tokens: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const token = board.tokens?.[role];
    if (typeof token === 'string') tokens[role] = token;
  }
  return {
    id: board.id,
    title: board.title,
    lastOpened: board.lastOpened,
    tokens,
    ...(typeof board.token === 'string' ? { token: board.token } : {}),
  };
}

function load(): KnownBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isKnownBoard).map(cleanTokens) : [];
  } catch {
    return [];
  }
}

function save(boards: KnownBoard[]): void {
  cache = boards.sort((a, b) => b.lastOpened - a.lastOpened).slice(0, MAX_BOARDS);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(cache));
  } catch {
    // storage full or disabled: the list still works for this page's lifetime
  }
  for (const listener of listeners) listener();
}

export function knownBoards(): KnownBoard[] {
  cache ??= load();
  return cache;
}

/** Records a visit (or a title change) of a board. */
export function rememberBoard(id: string, title: string | undefined, opened = true): void {
  const boards = knownBoards();
  const existing = boards.find((b) => b.id === id);
  if (existing && (title === undefined || existing.title === title) && !opened) return;
  const next: KnownBoard = {
    ...existing,
    id,
    title: title || existing?.title || 'Untitled board',
    lastOpened: opened ? Date.now() : (existing?.lastOpened ?? Date.now()),
  };
  save([next, ...boards.filter((b) => b.id !== id)]);
}

export function knownBoard(id: string): KnownBoard | undefined {
  return knownBoards().find((b) => b.id === id);
}

function updateBoard(id: string, change: (board: KnownBoard) => KnownBoard): void {
  const boards = knownBoards();
  const existing = boards.find((b) => b.id === id) ?? { id, title: 'Untitled board', lastOpened: Date.now() };
  save([change({ ...existing, tokens: { ...existing.tokens } }), ...boards.filter((b) => b.id !== id)]);
}

/** Keeps the tokens a new board came with (its creator holds all three). */
export function rememberTokens(id: string, title: string, tokens: Partial<Record<Role, string>>): void {
  updateBoard(id, (board) => ({
    ...board,
    title,
    lastOpened: Date.now(),
    tokens: { ...board.tokens, ...tokens },
  }));
}

/** A link was opened: its token is the one to connect with from now on. */
export function rememberOpenedToken(id: string, token: string): void {
  updateBoard(id, (board) => ({ ...board, token }));
}

/** The server said which role a token gives. */
export function rememberRole(id: string, token: string, role: Role): void {
  const board = knownBoard(id);
  if (board?.tokens?.[role] === token) return;
  updateBoard(id, (b) => ({ ...b, tokens: { ...b.tokens, [role]: token } }));
}

/** A token stopped working (rotated): forget it, so the next best one is used. */
export function forgetToken(id: string, token: string): void {
  updateBoard(id, (board) => {
    const tokens = { ...board.tokens };
    for (const role of ROLES) if (tokens[role] === token) delete tokens[role];
    const { token: opened, ...rest } = board;
    return opened === token ? { ...rest, tokens } : { ...board, tokens };
  });
}

/** The token to connect with: the one opened last, else the most capable one held. */
export function activeToken(board: KnownBoard | undefined): string | undefined {
  if (!board) return undefined;
  return board.token ?? board.tokens?.owner ?? board.tokens?.edit ?? board.tokens?.view;
}

/** The role a token is known to give on a board, if known. */
export function roleOfToken(board: KnownBoard | undefined, token: string | undefined): Role | undefined {
  if (!board || token === undefined) return undefined;
  return ROLES.find((role) => board.tokens?.[role] === token);
}

export function forgetBoard(id: string): void {
  save(knownBoards().filter((b) => b.id !== id));
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY) return;
    cache = load();
    onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useKnownBoards(): KnownBoard[] {
  return useSyncExternalStore(subscribe, knownBoards);
}
