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
  | 'not-found'; // server says the board does not exist (4404/4400); not retrying

/** Close codes from SPEC.md. */
const CLOSE_NOT_FOUND = 4404;
const CLOSE_BAD_ID = 4400;
const CLOSE_UNAVAILABLE = 4500;

/** Failed attempts before "connecting" turns into "offline". */
const ATTEMPTS_BEFORE_OFFLINE = 2;

export function trackConnection(provider: WebsocketProvider): {
  status: ValueStore<ConnectionStatus>;
  stop: () => void;
} {
  const status = new ValueStore<ConnectionStatus>('connecting');
  let unavailable = false;

  const derive = (): void => {
    if (status.get() === 'not-found') return;
    if (!navigator.onLine) status.set('offline');
    else if (provider.synced) status.set('connected');
    else if (provider.wsconnected) status.set('syncing');
    else if (unavailable) status.set('unavailable');
    else if (provider.wsUnsuccessfulReconnects >= ATTEMPTS_BEFORE_OFFLINE) {
      status.set('offline');
    } else status.set('connecting');
  };

  const onClose = (event: CloseEvent | null): void => {
    if (event?.code === CLOSE_NOT_FOUND || event?.code === CLOSE_BAD_ID) {
      // the board is gone: stop retrying (y-websocket already treats 44xx as terminal)
      provider.shouldConnect = false;
      provider.disconnect();
      status.set('not-found');
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
    if (status.get() !== 'not-found' && provider.shouldConnect) {
      closedForOffline = true;
      provider.disconnect();
    }
    derive();
  };
  const onOnline = (): void => {
    if (closedForOffline && status.get() !== 'not-found') provider.connect();
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
