import { BoardPage } from '../board/BoardPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { Link } from './Link.tsx';
import { matchRoute, usePathname } from './router.ts';
import { Toasts } from './Toasts.tsx';

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
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
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
