import { type FitViewOptions, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { BoardSession } from './session.ts';
import { useHasActors } from './useBoardNodes.ts';

/**
 * Below this zoom actor labels are unreadable. A big board is not squeezed
 * into one screen: the first view stops at this zoom, centred on the board,
 * and people pan or zoom out from there. Since the canvas renders only what
 * is on screen, this also keeps the cards and relations drawn (and painted on
 * every drag frame) to a readable few dozen instead of thousands.
 */
const READABLE_ZOOM = 0.5;

const FIT: FitViewOptions = {
  // room for the toolbar above and the legend below
  padding: { top: '84px', right: '48px', bottom: '64px', left: '48px' },
  maxZoom: 1.1,
  minZoom: READABLE_ZOOM,
  // cards off screen are never rendered, so never measured: fit them at their assumed size
  includeHiddenNodes: true,
};

/**
 * Fits the view once, when the board's actors first appear (they arrive
 * asynchronously from IndexedDB or the server), using the assumed card size
 * for cards not measured yet; then once more with the measured sizes if every
 * card got measured (small boards) and nobody has moved the view meanwhile.
 */
export function useFitOnFirstContent(session: BoardSession): void {
  const flow = useReactFlow();
  const hasActors = useHasActors(session);
  const initialized = useNodesInitialized();
  const fitted = useRef<string | null>(null);
  const refined = useRef(false);

  useEffect(() => {
    if (fitted.current !== null || !hasActors) return;
    // the person built the first actors here themselves: leave their view alone
    if (session.undoManager.canUndo()) {
      fitted.current = '';
      refined.current = true;
      return;
    }
    fitted.current = 'pending';
    void flow.fitView(FIT).then(() => {
      fitted.current = JSON.stringify(flow.getViewport());
    });
  }, [hasActors, flow, session]);

  useEffect(() => {
    if (refined.current || !initialized || fitted.current === null || fitted.current === 'pending') return;
    refined.current = true;
    if (JSON.stringify(flow.getViewport()) !== fitted.current) return;
    void flow.fitView(FIT);
  });
}
