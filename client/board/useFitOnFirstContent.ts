import {
  type FitViewOptions,
  getNodesBounds,
  getViewportForBounds,
  type ReactFlowInstance,
  useNodesInitialized,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
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
const MAX_FIT_ZOOM = 1.1;

const FIT: FitViewOptions = {
  // room for the toolbar above and the legend below
  padding: { top: '84px', right: '48px', bottom: '64px', left: '48px' },
  maxZoom: MAX_FIT_ZOOM,
  minZoom: READABLE_ZOOM,
  // cards off screen are never rendered, so never measured: fit them at their assumed size
  includeHiddenNodes: true,
};

interface WholeBoardFit {
  minZoom: number;
  maxZoom: number;
  padding: NonNullable<FitViewOptions['padding']>;
}

/**
 * Shows every card of the board, now. React Flow's own fitView waits until
 * every card is measured, which cards never rendered (off screen) never are;
 * this uses the assumed size for those. False when the pane is not measured yet.
 */
export function fitWholeBoard(
  flow: Pick<ReactFlowInstance, 'setViewport'>,
  store: ReturnType<typeof useStoreApi>,
  nodes: Parameters<typeof getNodesBounds>[0],
  { minZoom, maxZoom, padding }: WholeBoardFit,
): boolean {
  const { width, height } = store.getState();
  if (width <= 0 || height <= 0) return false;
  void flow.setViewport(
    getViewportForBounds(getNodesBounds(nodes), width, height, minZoom, maxZoom, padding),
  );
  return true;
}

/**
 * Places the first view when the board's actors first appear (they arrive
 * asynchronously from IndexedDB or the server), from their positions at the
 * assumed card size; then fits once more with the measured sizes if every
 * card got measured (small boards) and nobody has moved the view meanwhile.
 *
 * Returns whether the first view is placed. Until it is, the canvas is given
 * no cards: otherwise React Flow would first render the cards visible at the
 * default view, then unmount them for the ones visible after fitting (on a
 * 2,000-actor board, a few hundred cards and relations mounted for nothing).
 */
export function useFitOnFirstContent(session: BoardSession): boolean {
  const flow = useReactFlow();
  const store = useStoreApi();
  const hasActors = useHasActors(session);
  const initialized = useNodesInitialized();
  const [placed, setPlaced] = useState(false);
  const fitted = useRef<string | null>(null);
  const refined = useRef(false);

  useLayoutEffect(() => {
    if (placed || !hasActors) return;
    // the person built the first actors here themselves: leave their view alone
    if (session.undoManager.canUndo()) {
      fitted.current = '';
      refined.current = true;
      setPlaced(true);
      return;
    }
    const first = { minZoom: READABLE_ZOOM, maxZoom: MAX_FIT_ZOOM, padding: FIT.padding ?? 0 };
    if (fitWholeBoard(flow, store, session.nodes.getNodes(), first)) {
      fitted.current = JSON.stringify(flow.getViewport());
    } else {
      // the pane is not measured yet: let React Flow fit once it can
      fitted.current = 'pending';
      void flow.fitView(FIT).then(() => {
        fitted.current = JSON.stringify(flow.getViewport());
      });
    }
    setPlaced(true);
  }, [hasActors, placed, flow, store, session]);

  useEffect(() => {
    if (refined.current || !initialized || fitted.current === null || fitted.current === 'pending') return;
    refined.current = true;
    if (JSON.stringify(flow.getViewport()) !== fitted.current) return;
    void flow.fitView(FIT);
  });

  return placed || !hasActors;
}
