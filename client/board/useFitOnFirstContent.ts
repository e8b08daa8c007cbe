import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { BoardSession } from './session.ts';

/**
 * Fits the view once, when the board's actors first appear and have been
 * measured (they arrive asynchronously from IndexedDB or the server).
 */
export function useFitOnFirstContent(session: BoardSession): void {
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !initialized || session.nodes.getNodes().length === 0) return;
    done.current = true;
    // the person built the first actors here themselves: leave their view alone
    if (session.undoManager.canUndo()) return;
    // room for the toolbar above and the legend below
    void flow.fitView({
      padding: { top: '84px', right: '48px', bottom: '64px', left: '48px' },
      maxZoom: 1.1,
    });
  }, [initialized, flow, session]);
}
