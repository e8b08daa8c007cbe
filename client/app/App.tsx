import { lazy, Suspense } from 'react';
import { HomePage } from '../home/HomePage.tsx';
import { Link } from './Link.tsx';
import { matchRoute, usePathname } from './router.ts';
import { Toasts } from './Toasts.tsx';

// the canvas (React Flow, Yjs, IndexedDB) loads only when a board is opened
const BoardPage = lazy(() => import('../board/BoardPage.tsx').then((m) => ({ default: m.BoardPage })));

export function App() {
  return (
    <>
      <Page />
      <Toasts />
    </>
  );
}

function Page() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'board':
      // keyed so that switching boards tears one session down and builds the next
      return (
        <Suspense fallback={<div className="board-page" />}>
          <BoardPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      );
    default:
      return (
        <main className="page-message">
          <h1>Page not found</h1>
          <p>There is nothing at this address.</p>
          <Link to="/" className="button button-primary">
            Go to your boards
          </Link>
        </main>
      );
  }
}
