/**
 * What each role may send (SPEC "Access"). Checked per message after it has
 * been decoded and before anything of it is applied:
 *
 * | message                  | owner          | edit                    | view              |
 * |--------------------------|----------------|-------------------------|-------------------|
 * | SyncStep1 (sync request) | answered       | answered                | answered          |
 * | SyncStep2 / Update       | applied¹       | applied¹ unless locked  | never applied     |
 * | Awareness                | own id only    | own id only             | reduced presence  |
 * | Query awareness          | answered       | answered                | answered          |
 * | anything else            | closed 1007    | closed 1007             | closed 1007       |
 *
 * ¹ while the board's storage accepts writes. A refused update is dropped
 * (never applied, stored or relayed); the socket stays open and the sender is
 * told once with a y-protocols "permission denied" message, so stock clients
 * neither loop nor reconnect.
 */
import type { Role } from './board-access.ts';
import { roleMayWrite } from './board-access.ts';

export type UpdateVerdict = 'apply' | 'refuse-role' | 'refuse-locked' | 'refuse-storage';

export function updateVerdict(role: Role, locked: boolean, storageFailing: boolean): UpdateVerdict {
  if (role === 'view') return 'refuse-role';
  if (!roleMayWrite(role, locked)) return 'refuse-locked';
  if (storageFailing) return 'refuse-storage';
  return 'apply';
}

/** What the sender of a refused update is told. */
export const REFUSAL_REASON: Record<Exclude<UpdateVerdict, 'apply'>, string> = {
  'refuse-role': 'view-only link: changes are not accepted',
  'refuse-locked': 'the board is locked by its facilitator: changes are not accepted',
  'refuse-storage': 'the server cannot store changes to this board right now: changes are not accepted',
};
