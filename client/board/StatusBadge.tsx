import { useValue } from '../app/valueStore.ts';
import { useSession } from './BoardContext.ts';
import type { ConnectionStatus } from './connectionStatus.ts';

const TEXT: Readonly<Record<ConnectionStatus, { label: string; hint: string }>> = {
  connected: { label: 'Live', hint: 'Connected: changes reach everyone as you make them.' },
  syncing: { label: 'Syncing…', hint: 'Connected; exchanging changes with the server.' },
  connecting: { label: 'Connecting…', hint: 'Connecting to the Parley server.' },
  offline: {
    label: 'Offline',
    hint: 'Cannot reach the server. Keep working: your changes are saved in this browser and merge when you reconnect.',
  },
  unavailable: {
    label: 'Server busy',
    hint: 'The server could not load this board right now. Retrying; your changes are kept in this browser.',
  },
  'not-found': {
    label: 'Not found',
    hint: 'This board does not exist on the server (it may have been deleted).',
  },
  unauthorized: { label: 'No access', hint: 'This link does not open this board.' },
  revoked: { label: 'Link replaced', hint: 'The facilitator replaced this link: ask for the new one.' },
  full: {
    label: 'Board full',
    hint: 'The board reached its size limit and the server refused a change. Delete something to make room.',
  },
};

export function StatusBadge() {
  const { status } = useSession();
  const value = useValue(status);
  const { label, hint } = TEXT[value];
  return (
    <output
      className={`status-badge status-${value}`}
      data-testid="status-badge"
      data-status={value}
      title={hint}
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
    </output>
  );
}
