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
  /** The socket URL of the board. */
  url: string;
}

export const boardUrl = (server: ServerProcess, room: string): string => `${server.wsBase}/${room}`;

/** Creates the board on Parley; returns its id. */
export async function createParleyBoard(server: ServerProcess, board: ExportedBoard): Promise<string> {
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ board }),
  });
  const body = (await response.json()) as { id?: unknown; error?: unknown };
  if (response.status !== 201 || typeof body.id !== 'string') {
    throw new Error(`POST /api/boards answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.id;
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
  if (server.kind === 'parley') {
    const room = await createParleyBoard(server, board);
    return { room, url: boardUrl(server, room) };
  }
  const room = newBoardId();
  const url = boardUrl(server, room);
  await seedReferenceRoom(url, boardUpdate(board), board.actors.length);
  return { room, url };
}
