/**
 * The same board on either server: Parley imports it over its HTTP API
 * (POST /api/boards with `board` = export.json); the reference server has no
 * API, so a client that already holds the content pushes it in its sync reply.
 */
import { actorsMap, relationsMap } from '../../shared/board-doc.ts';
import type { ExportedBoard } from '../../shared/export-json.ts';
import { newBoardId } from '../../shared/ids.ts';
import { boardUpdate } from '../board-content.ts';
import { ProtocolClient } from './load/protocol-client.ts';
import type { ServerProcess } from './processes.ts';

export interface BoardHandle {
  room: string;
  /** The socket URL of the board (with the edit token where the server wants one). */
  url: string;
  /** URL parameters for a WebsocketProvider (the token). */
  params: Record<string, string>;
}

export interface ParleyBoard {
  id: string;
  /** The edit link's token (capability links, issue 3); absent on a server without access control. */
  editToken?: string;
}

export const boardUrl = (server: ServerProcess, room: string, token?: string): string =>
  `${server.wsBase}/${room}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

export const parleyHandle = (server: ServerProcess, board: ParleyBoard): BoardHandle => ({
  room: board.id,
  url: boardUrl(server, board.id, board.editToken),
  params: board.editToken ? { token: board.editToken } : {},
});

/** Creates the board on Parley, as an import of export.json; returns its id and edit token. */
export async function createParleyBoard(server: ServerProcess, board: ExportedBoard): Promise<ParleyBoard> {
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ board }),
  });
  const body = (await response.json()) as { id?: unknown; editToken?: unknown; error?: unknown };
  if (response.status !== 201 || typeof body.id !== 'string') {
    throw new Error(`POST /api/boards answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { id: body.id, ...(typeof body.editToken === 'string' ? { editToken: body.editToken } : {}) };
}

/** Reads what a fresh client syncs from a board (to check a board really holds its content). */
export async function syncedCounts(url: string): Promise<{ actors: number; relations: number }> {
  const client = new ProtocolClient(url, { applyRemote: false, applyInitial: true });
  try {
    await client.synced;
    return { actors: actorsMap(client.doc).size, relations: relationsMap(client.doc).size };
  } finally {
    client.close();
  }
}

/** Pushes content to a reference-server room and waits until a fresh client sees all of it. */
export async function seedReferenceRoom(
  url: string,
  update: Uint8Array,
  expectActors: number,
): Promise<void> {
  const seeder = new ProtocolClient(url, { applyRemote: false, applyInitial: true, seed: update });
  try {
    await seeder.synced;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if ((await syncedCounts(url)).actors >= expectActors) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`reference room ${url} did not receive its content`);
  } finally {
    seeder.close();
  }
}

/** The board on this server, with its content, ready to join. */
export async function createBoard(server: ServerProcess, board: ExportedBoard): Promise<BoardHandle> {
  if (server.kind === 'parley') return parleyHandle(server, await createParleyBoard(server, board));
  const room = newBoardId();
  const url = boardUrl(server, room);
  await seedReferenceRoom(url, boardUpdate(board), board.actors.length);
  return { room, url, params: {} };
}
