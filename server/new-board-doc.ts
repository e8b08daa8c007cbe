import * as Y from 'yjs';
import { actorsMap, metaMap, relationsMap } from '../shared/board-doc.ts';

/**
 * A new server-side board document with its root maps defined up front: a
 * client update can then never claim a root name as another shared type.
 */
export function createBoardDoc(): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  actorsMap(doc);
  relationsMap(doc);
  metaMap(doc);
  return doc;
}
