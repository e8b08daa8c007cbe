import { useState, useSyncExternalStore } from 'react';
import { useSession } from './BoardContext.ts';
import { NAME_MAX, saveLocalUser } from './presence.ts';
import type { Peer } from './presenceStore.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?';
}

/** Who is on this board: a chip per person, mine first and renamable. */
export function PresenceBar() {
  const { presence } = useSession();
  const peers = useSyncExternalStore(presence.subscribePeers, presence.getPeers);
  return (
    <ul className="presence" data-testid="presence-list" aria-label="People on this board">
      {peers.map((peer) =>
        peer.isLocal ? (
          <LocalChip key={peer.clientId} peer={peer} />
        ) : (
          <li
            key={peer.clientId}
            className="presence-chip"
            data-testid={`peer-${peer.clientId}`}
            title={peer.name}
          >
            <span className="presence-avatar" style={{ background: peer.color }}>
              {initials(peer.name)}
            </span>
            <span className="presence-name">{peer.name}</span>
          </li>
        ),
      )}
    </ul>
  );
}

function LocalChip({ peer }: { peer: Peer }) {
  const { presence } = useSession();
  const [draft, setDraft] = useState<string | null>(null);

  const commit = () => {
    const name = draft?.trim().slice(0, NAME_MAX);
    setDraft(null);
    if (!name || name === peer.name) return;
    const user = { name, color: peer.color };
    saveLocalUser(user);
    presence.setLocalUser(user);
  };

  return (
    <li className="presence-chip is-local" data-testid="presence-me" title="You: click to change your name">
      <span className="presence-avatar" style={{ background: peer.color }}>
        {initials(peer.name)}
      </span>
      {draft === null ? (
        <button
          type="button"
          className="presence-name presence-edit"
          data-testid="presence-name"
          onClick={() => setDraft(peer.name)}
        >
          {peer.name} <span className="presence-you">(you)</span>
        </button>
      ) : (
        <input
          className="presence-input"
          data-testid="presence-name-input"
          aria-label="Your name"
          // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to edit it
          autoFocus
          value={draft}
          maxLength={NAME_MAX}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') setDraft(null);
          }}
        />
      )}
    </li>
  );
}
