/**
 * Roles and what they allow. A board has three capability tokens: owner (the
 * facilitator), edit and view. The owner can rotate the edit and view links
 * and lock the board; while it is locked, editors are read-only.
 */
import type { BoardAccess } from '../storage/board-storage.ts';
import { generateToken, hashesEqual, hashToken, isWellFormedToken } from './tokens.ts';

export type Role = 'owner' | 'edit' | 'view';

export const ROLES: readonly Role[] = ['owner', 'edit', 'view'];

/** Links the owner may rotate (the owner link itself only an admin may replace). */
export const ROTATABLE_ROLES = ['edit', 'view'] as const;

export const HASH_FIELD = {
  owner: 'ownerTokenHash',
  edit: 'editTokenHash',
  view: 'viewTokenHash',
} as const satisfies Record<Role, keyof BoardAccess>;

export interface BoardTokens {
  ownerToken: string;
  editToken: string;
  viewToken: string;
}

/** Fresh tokens for a new board, and the record that stores only their hashes. */
export function issueBoardAccess(): { tokens: BoardTokens; access: BoardAccess } {
  const tokens: BoardTokens = {
    ownerToken: generateToken(),
    editToken: generateToken(),
    viewToken: generateToken(),
  };
  return {
    tokens,
    access: {
      ownerTokenHash: hashToken(tokens.ownerToken),
      editTokenHash: hashToken(tokens.editToken),
      viewTokenHash: hashToken(tokens.viewToken),
      locked: false,
    },
  };
}

/** The role a token grants on a board, or null. Every role is compared, so timing does not tell which matched. */
export function roleOf(access: BoardAccess, token: unknown): Role | null {
  if (!isWellFormedToken(token)) return null;
  const hash = hashToken(token);
  let found: Role | null = null;
  for (const role of ROLES) {
    if (hashesEqual(hash, access[HASH_FIELD[role]]) && found === null) found = role;
  }
  return found;
}

/** Whether a role may change the document: owners always, editors unless locked, viewers never. */
export function roleMayWrite(role: Role, locked: boolean): boolean {
  return role === 'owner' || (role === 'edit' && !locked);
}

/** `/b/<id>#t=<token>`: the token rides in the fragment, which browsers never send to the server. */
export function boardLinkPath(boardId: string, token: string): string {
  return `/b/${boardId}#t=${token}`;
}
