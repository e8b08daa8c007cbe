import { createContext, useContext } from 'react';
import type { BoardSession } from './session.ts';

/** The open board's session; its identity never changes while the board is open. */
export const BoardContext = createContext<BoardSession | null>(null);

export function useSession(): BoardSession {
  const session = useContext(BoardContext);
  if (!session) throw new Error('useSession outside a BoardContext provider');
  return session;
}
