/**
 * Board links carry their token in the URL fragment (`/b/<id>#t=<token>`),
 * which browsers never send to the server. Opening one stores the token in
 * this browser and takes it out of the address bar, so copying the address
 * never hands someone else this person's (possibly the facilitator's) link.
 */
import { rememberOpenedToken } from '../home/knownBoards.ts';
import { boardPath } from './router.ts';

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The token of a link's fragment (`#t=…`), or null. */
export function fragmentToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return token && TOKEN.test(token) ? token : null;
}

/** Stores the token of the link this page was opened with (if any) and removes it from the address bar. */
export function takeLinkToken(boardId: string): string | null {
  const token = fragmentToken(window.location.hash);
  if (token === null) return null;
  rememberOpenedToken(boardId, token);
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return token;
}

/** The shareable link of a board for a token. */
export function boardLink(boardId: string, token: string): string {
  return `${window.location.origin}${boardPath(boardId)}#t=${token}`;
}

/** Accepts a shared link (…/b/<id>#t=<token>) or a bare board id. */
export function parseBoardLink(input: string): { id: string; token: string | null } | null {
  const text = input.trim();
  if (/^[A-Za-z0-9_-]{22}$/.test(text)) return { id: text, token: null };
  const match = /\/b\/([A-Za-z0-9_-]{22})(?:[/?]|#|$)/.exec(text);
  if (!match?.[1]) return null;
  const hash = text.indexOf('#');
  return { id: match[1], token: hash >= 0 ? fragmentToken(text.slice(hash)) : null };
}
