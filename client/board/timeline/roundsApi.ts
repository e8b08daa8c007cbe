/**
 * Rounds, diffs and exports over HTTP (server/http/snapshots-api.ts and
 * exports-api.ts), with the board link's token as a Bearer header.
 */
import type { BoardDiff } from '../../../shared/diff/board-diff.ts';
import type { ExportedBoard } from '../../../shared/export-json.ts';
import { readApiError, unreachable } from '../../app/apiError.ts';
import { downloadResponse } from '../../app/downloadResponse.ts';

export interface RoundInfo {
  id: string;
  boardId: string;
  name: string;
  note?: string;
  /** ISO date-time. */
  savedAt: string;
  savedBy: string;
}

export interface DiffResult {
  from: RoundInfo | 'live';
  to: RoundInfo | 'live';
  diff: BoardDiff;
  changelog: string[];
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

async function call<T>(url: string, token: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init?.method ?? 'GET',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(init?.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw unreachable();
  }
  if (!response.ok) throw await readApiError(response);
  return (await response.json().catch(() => null)) as T;
}

export function listRounds(boardId: string, token: string): Promise<RoundInfo[]> {
  return call(`${base(boardId)}/snapshots`, token);
}

export function saveRound(
  boardId: string,
  token: string,
  input: { name: string; note?: string; savedBy?: string },
): Promise<RoundInfo> {
  return call(`${base(boardId)}/snapshots`, token, { method: 'POST', body: input });
}

export function getRound(
  boardId: string,
  token: string,
  id: string,
): Promise<RoundInfo & { board: ExportedBoard }> {
  return call(`${base(boardId)}/snapshots/${encodeURIComponent(id)}`, token);
}

export function restoreRound(
  boardId: string,
  token: string,
  id: string,
  savedBy?: string,
): Promise<{ restored: RoundInfo; before: RoundInfo; changelog: string[] }> {
  return call(`${base(boardId)}/snapshots/${encodeURIComponent(id)}/restore`, token, {
    method: 'POST',
    body: savedBy ? { savedBy } : {},
  });
}

/** `live` or a round id on each side. */
export function getDiff(boardId: string, token: string, from: string, to: string): Promise<DiffResult> {
  const q = new URLSearchParams({ from, to });
  return call(`${base(boardId)}/diff?${q}`, token);
}

export const EXPORT_CHOICES = [
  { format: 'png', label: 'PNG image', hint: 'a picture for slides and reports' },
  { format: 'svg', label: 'SVG image', hint: 'scalable picture' },
  { format: 'md', label: 'Markdown brief', hint: 'positions per actor, changes since the last round' },
  { format: 'json', label: 'Parley JSON', hint: 'lossless; import it again' },
  { format: 'graphml', label: 'GraphML', hint: 'yEd, Cytoscape' },
  { format: 'gexf', label: 'GEXF', hint: 'Gephi; with rounds, a timeline' },
  { format: 'csv', part: 'elements', label: 'Kumu CSV: elements', hint: 'actors' },
  { format: 'csv', part: 'connections', label: 'Kumu CSV: connections', hint: 'relations' },
] as const;

export type ExportChoice = (typeof EXPORT_CHOICES)[number];

export function exportUrl(boardId: string, choice: ExportChoice, roundId?: string): string {
  const where = roundId ? `/snapshots/${encodeURIComponent(roundId)}` : '';
  const part = 'part' in choice ? `?part=${choice.part}` : '';
  return `${base(boardId)}${where}/export.${choice.format}${part}`;
}

/** Fetches an export with the token header (a plain link cannot carry it) and saves it under the server's file name. */
export async function downloadFile(url: string, token: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw unreachable();
  }
  if (!response.ok) throw await readApiError(response);
  await downloadResponse(response, fallbackName);
}
