/**
 * Replaces the live canvas while a round or a diff is shown: a banner saying
 * what is on screen, with a clear way back to live, over a read-only canvas.
 * The live session keeps running underneath (others keep editing).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useSession } from '../BoardContext.ts';
import { SnapshotCanvas } from '../diff/SnapshotCanvas.tsx';
import { backToLive, type RoundView } from './roundView.ts';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const sideName = (side: { name: string } | 'live') => (side === 'live' ? 'Live board' : `“${side.name}”`);

export function RoundStage({ view }: { view: Exclude<RoundView, { mode: 'live' }> }) {
  const session = useSession();
  return (
    <div className="round-stage" data-testid="round-stage">
      <div className={`round-banner round-banner-${view.mode}`} data-testid="round-banner">
        {view.mode === 'round' ? (
          <span>
            <strong>Round “{view.round.name}”</strong> · read-only · saved {when(view.round.savedAt)} by{' '}
            {view.round.savedBy}
          </span>
        ) : (
          <span>
            <strong>Diff</strong> {sideName(view.from)} → {sideName(view.to)} · read-only
          </span>
        )}
        <button
          type="button"
          className="button button-primary"
          data-testid="back-to-live"
          onClick={() => backToLive(session)}
        >
          ← Back to live
        </button>
      </div>
      <ReactFlowProvider>
        {view.mode === 'round' ? (
          <SnapshotCanvas key={view.round.id} board={view.board} testId="round-canvas" />
        ) : (
          <SnapshotCanvas board={view.after} diff={view.diff} testId="diff-canvas" />
        )}
      </ReactFlowProvider>
    </div>
  );
}
