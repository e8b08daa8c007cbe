/**
 * What the status badge says, derived from the WebSocket provider's events and
 * the browser's online flag.
 */
import type { WebsocketProvider } from 'y-websocket';
import { ValueStore } from '../app/valueStore.ts';

export type ConnectionStatus =
  | 'connecting' // first attempt in progress
  | 'syncing' // socket open, exchanging state with the server
  | 'connected' // in sync; edits travel live
  | 'offline' // cannot reach the server; edits are kept locally and merge later
  | 'unavailable' // server reachable but could not load the board (4500); retrying
  | 'not-found' // server says the board does not exist (4404/4400); not retrying
  | 'unauthorized' // the link's token does not open this board (4401); not retrying
  | 'revoked' // the facilitator replaced this link (4403); not retrying
  | 'full'; // the board reached its size limit and refused a change (4413); not retrying

/** Close codes from SPEC.md. */
const CLOSE_NOT_FOUND = 4404;
const CLOSE_BAD_ID = 4400;
const CLOSE_UNAVAILABLE = 4500;
const FINAL: Readonly<Record<number, ConnectionStatus>> = {
  [CLOSE_NOT_FOUND]: 'not-found',
  [CLOSE_BAD_ID]: 'not-found',
  4401: 'unauthorized',
  4403: 'revoked',
  4413: 'full',
};

const isFinal = (status: ConnectionStatus) =>
  status === 'not-found' || status === 'unauthorized' || status === 'revoked' || status === 'full';

/** Failed attempts before "connecting" turns into "offline". */
const ATTEMPTS_BEFORE_OFFLINE = 2;

export function trackConnection(provider: WebsocketProvider): {
  status: ValueStore<ConnectionStatus>;
  stop: () => void;
} {
  const status = new ValueStore<ConnectionStatus>('connecting');
  let unavailable = false;

  const derive = (): void => {
    if (isFinal(status.get())) return;
    if (!navigator.onLine) status.set('offline');
    else if (provider.synced) status.set('connected');
    else if (provider.wsconnected) status.set('syncing');
    else if (unavailable) status.set('unavailable');
    else if (provider.wsUnsuccessfulReconnects >= ATTEMPTS_BEFORE_OFFLINE) {
      status.set('offline');
    } else status.set('connecting');
  };

  const onClose = (event: CloseEvent | null): void => {
    const final = event ? FINAL[event.code] : undefined;
    if (final) {
      // the board is gone or this link no longer opens it: stop retrying (y-websocket treats 44xx as terminal too)
      provider.shouldConnect = false;
      provider.disconnect();
      status.set(final);
      return;
    }
    unavailable = event?.code === CLOSE_UNAVAILABLE;
    derive();
  };
  const onSync = (synced: boolean): void => {
    if (synced) unavailable = false;
    derive();
  };
  // A socket can outlive the network for a long time before it notices, so
  // the browser's own offline signal closes it now; edits keep landing in the
  // doc and IndexedDB, and the sync on reconnect merges them both ways.
  let closedForOffline = false;
  const onOffline = (): void => {
    if (!isFinal(status.get()) && provider.shouldConnect) {
      closedForOffline = true;
      provider.disconnect();
    }
    derive();
  };
  const onOnline = (): void => {
    if (closedForOffline && !isFinal(status.get())) provider.connect();
    closedForOffline = false;
    derive();
  };

  provider.on('status', derive);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  derive();
  return {
    status,
    stop: () => {
      provider.off('status', derive);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    },
  };
}
