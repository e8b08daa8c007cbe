import { useViewport } from '@xyflow/react';
import { useSyncExternalStore } from 'react';
import { useSession } from './BoardContext.ts';

/**
 * Other people's pointers. They publish flow coordinates, so each cursor lands
 * on the same spot of the board whatever the local pan and zoom; here they are
 * mapped to screen space (x·zoom + pan) and drawn unscaled.
 */
export function RemoteCursors() {
  const { presence } = useSession();
  const cursors = useSyncExternalStore(presence.subscribeCursors, presence.getCursors);
  const { x: panX, y: panY, zoom } = useViewport();
  if (cursors.length === 0) return null;
  return (
    <div className="remote-cursors" data-testid="remote-cursors">
      {cursors.map((c) => (
        <div
          key={c.clientId}
          className="remote-cursor"
          data-testid={`cursor-${c.clientId}`}
          style={{ transform: `translate(${c.x * zoom + panX}px, ${c.y * zoom + panY}px)`, color: c.color }}
        >
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
            <path
              d="M2 1.5 15.5 8 9 9.6 6.2 16z"
              fill="currentColor"
              stroke="white"
              strokeWidth="1.4"
              strokeLinejoin="round"
            />
          </svg>
          <span className="remote-cursor-name" style={{ background: c.color }}>
            {c.name}
          </span>
        </div>
      ))}
    </div>
  );
}
