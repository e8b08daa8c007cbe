import { useValue } from '../app/valueStore.ts';
import { useSession } from './BoardContext.ts';

/**
 * Why this page cannot change the board right now, if it cannot: a view
 * link, the facilitator's lock, a server that cannot store changes, or a
 * board that reached its size limit. The server enforces all of them; this
 * only says so.
 */
export function AccessBanner() {
  const session = useSession();
  const access = useValue(session.access);
  const status = useValue(session.status);

  if (status === 'full') {
    return (
      <div className="access-banner is-warning" role="status" data-testid="board-full-banner">
        <strong>This board is full.</strong> The server refused a change that would take it past its size
        limit. Your change is kept in this browser; reload to continue with what the server has.
      </div>
    );
  }
  if (access.storage === 'failing') {
    return (
      <div className="access-banner is-error" role="alert" data-testid="storage-banner">
        <strong>The server cannot save changes right now.</strong> Nothing saved so far is lost. Changes you
        make are kept in this browser and sent once the server can store them again.
      </div>
    );
  }
  if (access.role === 'view') {
    return (
      <div className="access-banner" role="status" data-testid="view-only-banner">
        <strong>View only.</strong> You are following this board live; ask the facilitator for an edit link to
        change it.
      </div>
    );
  }
  if (access.locked) {
    return (
      <div className="access-banner is-locked" role="status" data-testid="locked-banner">
        {access.role === 'owner' ? (
          <>
            <strong>Locked.</strong> Only you, the facilitator, can change the board. Unlock it under{' '}
            <em>Share</em>.
          </>
        ) : (
          <>
            <strong>Locked by the facilitator.</strong> You can follow the board but not change it until it is
            unlocked.
          </>
        )}
      </div>
    );
  }
  return null;
}
