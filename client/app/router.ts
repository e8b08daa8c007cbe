/** Pathname routing without a router library: two routes do not need one. */
import { useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'parley:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export type Route = { name: 'home' } | { name: 'board'; boardId: string } | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const board = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (board?.[1]) return { name: 'board', boardId: decodeURIComponent(board[1]) };
  return { name: 'not-found' };
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}

/** Left clicks on in-app links navigate without a page load; modified clicks keep browser behaviour. */
export function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>, path: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
