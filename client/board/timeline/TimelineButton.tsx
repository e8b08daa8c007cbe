/** Opens and closes the rounds timeline (header). */
import { useValue } from '../../app/valueStore.ts';
import { useSession } from '../BoardContext.ts';
import { timelineOpenOf } from './roundView.ts';

export function TimelineButton() {
  const session = useSession();
  const store = timelineOpenOf(session);
  const open = useValue(store);
  return (
    <button
      type="button"
      className={`button button-ghost${open ? ' is-active' : ''}`}
      data-testid="timeline-toggle"
      aria-pressed={open}
      title="Rounds: save, view, compare and restore snapshots of this board"
      onClick={() => store.set(!open)}
    >
      Rounds
    </button>
  );
}
