import { useEffect, useState } from 'react';
import { getHealth, type Health } from '../app/api.ts';
import { BrandMark } from '../app/BrandMark.tsx';
import { ImportBoardForm } from './ImportBoardForm.tsx';
import { NewBoardForm } from './NewBoardForm.tsx';
import { OpenBoardForm } from './OpenBoardForm.tsx';
import { RecentBoards } from './RecentBoards.tsx';

export function HomePage() {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    document.title = 'Parley';
    let live = true;
    getHealth().then(
      (h) => live && setHealth(h),
      () => undefined, // unreachable: the forms say so when used
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="home">
      <header className="app-header home-header">
        <span className="brand">
          <BrandMark />
          <span className="brand-name">Parley</span>
        </span>
        <span className="home-tagline">Live position maps for negotiations</span>
      </header>
      {health && !health.ok && (
        <div className="access-banner is-error" role="alert" data-testid="health-banner">
          <strong>The server is having trouble storing boards.</strong> {health.error ?? ''} Boards open, but
          changes may be refused until it recovers; nothing saved so far is lost.
        </div>
      )}
      <main className="home-main">
        <section className="home-intro">
          <h1>Map who demands what of whom, together.</h1>
          <p>
            Place the parties of a negotiation on a board, connect them with what they demand, threaten,
            mediate or defer, and work on it live with everyone in the room. Share a board by sharing its
            link.
          </p>
        </section>
        <div className="home-grid">
          <NewBoardForm />
          <div className="home-side">
            <RecentBoards />
            <OpenBoardForm />
            <ImportBoardForm />
          </div>
        </div>
      </main>
    </div>
  );
}
