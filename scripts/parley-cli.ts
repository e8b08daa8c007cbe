/**
 * Parley on the command line, against a running server:
 *
 *   npm run parley -- export <boardId> --format svg --out map.svg
 *     [--snapshot <sid>] [--part elements|connections] [--server http://127.0.0.1:8080] [--token <t>]
 *
 * The token is a board link's token (any role can export); it may also come
 * from PARLEY_TOKEN, and the server from PARLEY_SERVER.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const FORMATS = ['json', 'svg', 'png', 'md', 'graphml', 'gexf', 'csv'] as const;
const ID = /^[A-Za-z0-9_-]{22}$/;

const USAGE = `usage: parley export <boardId> --format <${FORMATS.join('|')}> --out <file>
                      [--snapshot <sid>] [--part elements|connections]
                      [--server <url>] [--token <token>]
  --server   default $PARLEY_SERVER or http://127.0.0.1:8080
  --token    a board link token (#t=… in the link); default $PARLEY_TOKEN
  --part     for csv: Kumu elements (default) or connections`;

export class CliError extends Error {}

export interface CliIo {
  env: Record<string, string | undefined>;
  log(line: string): void;
  fetch: typeof fetch;
}

export async function runCli(argv: string[], io: CliIo): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  const [command, boardId, ...rest] = positionals;
  if (command !== 'export') throw new CliError(`unknown command: ${command ?? '(none)'}\n${USAGE}`);
  if (rest.length > 0) throw new CliError(`unexpected argument: ${rest[0]}\n${USAGE}`);
  if (!boardId || !ID.test(boardId))
    throw new CliError(`expected a board id (22 characters of A–Z a–z 0–9 _ -)\n${USAGE}`);
  const format = values.format;
  if (!format || !(FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`--format must be one of ${FORMATS.join(', ')}\n${USAGE}`);
  }
  if (!values.out) throw new CliError(`--out <file> is required\n${USAGE}`);
  if (values.snapshot !== undefined && !ID.test(values.snapshot))
    throw new CliError('--snapshot: not a snapshot id');
  if (values.part !== undefined && (format !== 'csv' || !['elements', 'connections'].includes(values.part))) {
    throw new CliError('--part is elements or connections, and only for --format csv');
  }
  const token = values.token ?? io.env.PARLEY_TOKEN;
  if (!token) throw new CliError('a board token is required: --token <token> or PARLEY_TOKEN');
  const server = (values.server ?? io.env.PARLEY_SERVER ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new CliError(`--server: not a URL: ${server}`);
  }
  const where = values.snapshot ? `/snapshots/${values.snapshot}` : '';
  const url = new URL(`/api/boards/${boardId}${where}/export.${format}`, base);
  if (values.part) url.searchParams.set('part', values.part);

  let res: Response;
  try {
    res = await io.fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(
      `cannot reach the Parley server at ${base.origin}: ${cause?.code ?? cause?.message ?? String(error)}`,
    );
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) {
    let message = body.toString('utf8').slice(0, 500);
    try {
      message = (JSON.parse(message) as { error?: string }).error ?? message;
    } catch {
      // not JSON: show the text as is
    }
    throw new CliError(`the server refused (${res.status}): ${message}`);
  }
  const out = path.resolve(values.out);
  try {
    await fs.writeFile(out, body);
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
  }
  io.log(`wrote ${out} (${body.byteLength} bytes, ${res.headers.get('content-type') ?? format})`);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      snapshot: { type: 'string' },
      part: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
    },
  });
}

const isMain =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  runCli(process.argv.slice(2), { env: process.env, log: (line) => console.log(line), fetch }).catch(
    (error: unknown) => {
      console.error(`parley: ${error instanceof CliError ? error.message : String(error)}`);
      process.exitCode = error instanceof CliError ? 2 : 1;
    },
  );
}
