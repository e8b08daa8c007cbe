/**
 * Import a board from files (issue 4): a Parley export.json, or a Kumu-style
 * CSV pair (elements + connections; the connections file is optional). The
 * server checks everything and stores all of it or nothing; its errors name
 * the file and line.
 */
import { type ChangeEvent, useState } from 'react';
import type { CreatedBoard } from '../app/api.ts';
import { readApiError, unreachable } from '../app/apiError.ts';
import { boardPath, navigate } from '../app/router.ts';
import { rememberTokens } from './knownBoards.ts';
import './import.css';

/** 20 MB per file: far above any real board, below what would hang the tab. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

type Body =
  | { title?: string; board: unknown }
  | { title: string; csv: { elements: string; connections: string } };

/** A connections file has From and To columns; an elements file does not. */
function isConnections(name: string, text: string): boolean {
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  const cells = header.split(/[,;\t]/).map((c) => c.replace(/"/g, '').trim());
  if (cells.includes('from') && cells.includes('to')) return true;
  if (cells.includes('source') && cells.includes('target')) return true;
  return /connection|edge|relation/i.test(name) && !cells.includes('label');
}

async function bodyFromFiles(files: File[]): Promise<Body> {
  if (files.length === 0) throw new Error('Choose a .json file, or one or two .csv files.');
  for (const f of files) {
    if (f.size > MAX_FILE_BYTES) throw new Error(`${f.name} is larger than 20 MB.`);
  }
  const json = files.filter((f) => /\.json$/i.test(f.name));
  const csv = files.filter((f) => /\.csv$/i.test(f.name));
  if (json.length === 1 && files.length === 1) {
    const file = json[0] as File;
    try {
      return { board: JSON.parse(await file.text()) };
    } catch {
      throw new Error(`${file.name} is not valid JSON.`);
    }
  }
  if (csv.length === files.length && csv.length <= 2) {
    const texts = await Promise.all(csv.map(async (f) => ({ name: f.name, text: await f.text() })));
    const connections = texts.filter((t) => isConnections(t.name, t.text));
    const elements = texts.filter((t) => !isConnections(t.name, t.text));
    if (elements.length !== 1 || connections.length > 1) {
      throw new Error(
        'Choose one elements CSV (Label, Type, …) and at most one connections CSV (From, To, Type, …).',
      );
    }
    const first = elements[0] as { name: string; text: string };
    const title = first.name.replace(/\.csv$/i, '').replace(/[-_ ]*elements?$/i, '') || 'Imported board';
    return { title, csv: { elements: first.text, connections: connections[0]?.text ?? '' } };
  }
  throw new Error('Choose either one .json file or one or two .csv files.');
}

async function importBoard(body: Body): Promise<CreatedBoard> {
  const response = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => {
    throw unreachable();
  });
  if (!response.ok) throw await readApiError(response);
  return (await response.json().catch(() => null)) as CreatedBoard;
}

export function ImportBoardForm() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setErrors([]);
    try {
      const board = await importBoard(await bodyFromFiles(files));
      rememberTokens(board.id, board.title, {
        owner: board.ownerToken,
        edit: board.editToken,
        view: board.viewToken,
      });
      navigate(boardPath(board.id));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // CSV errors come one per line, each naming its file and line
      setErrors(message.split('\n').filter(Boolean));
      setBusy(false);
    }
  };

  return (
    <section className="card import-board" data-testid="import-board">
      <h2 className="card-title">Import a board</h2>
      <p className="muted">
        A Parley <code>.json</code> export, or Kumu-style CSV: an elements file (Label, Type, …) and
        optionally a connections file (From, To, Type, …). Nothing is created if any row has a problem.
      </p>
      <label className="button">
        {busy ? 'Importing…' : 'Choose files…'}
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          multiple
          hidden
          disabled={busy}
          data-testid="import-files"
          onChange={(e) => void onFiles(e)}
        />
      </label>
      {errors.length > 0 && (
        <ul className="field-error import-errors" data-testid="import-errors">
          {errors.slice(0, 20).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
