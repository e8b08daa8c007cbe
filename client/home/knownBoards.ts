/**
 * Boards this browser has opened or created, kept in localStorage. Parley has
 * no accounts: a board's unguessable id is its key, so this list is how a
 * person finds their boards again.
 */
import { useSyncExternalStore } from 'react';

export interface KnownBoard {
  id: string;
  title: string;
  /** ms since epoch */
  lastOpened: number;
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

function load(): KnownBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isKnownBoard) : [];
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
    id,
    title: title || existing?.title || 'Untitled board',
    lastOpened: opened ? Date.now() : (existing?.lastOpened ?? Date.now()),
  };
  save([next, ...boards.filter((b) => b.id !== id)]);
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
