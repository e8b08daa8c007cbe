/** The parley CLI against a real server: in process (runCli) and as a spawned `npm run parley`. */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, runCli } from '../../scripts/parley-cli.ts';
import { findAll, parseXml } from '../exports/xml-check.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { decodePng } from '../helpers/png.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let board: CreatedBoard;
const lines: string[] = [];
const io = { env: {}, log: (line: string) => lines.push(line), fetch };

beforeAll(async () => {
  tmp = await makeTempDir('parley-cli-');
  server = await startTestServer();
  board = await createBoard(server.url, { template: 'us-iran-2026' });
});
afterAll(async () => {
  await server.close();
  await tmp.remove();
});

describe('parley export', () => {
  it('writes the SVG of a board, with every actor', async () => {
    const out = path.join(tmp.dir, 'map.svg');
    await runCli(
      [
        'export',
        board.id,
        '--format',
        'svg',
        '--out',
        out,
        '--server',
        server.url,
        '--token',
        board.viewToken,
      ],
      io,
    );
    const svg = parseXml(await fs.readFile(out, 'utf8'));
    expect(findAll(svg, 'g').filter((g) => g.attrs.class === 'parley-actor')).toHaveLength(board.actors);
    expect(lines.at(-1)).toMatch(/^wrote .*map\.svg/);
  });

  it('writes a round as PNG with --snapshot, token from PARLEY_TOKEN', async () => {
    const saved = await requestJson<{ id: string }>(`${server.url}/api/boards/${board.id}/snapshots`, {
      body: { name: 'Round 1' },
      token: board.editToken,
    });
    const out = path.join(tmp.dir, 'round.png');
    await runCli(
      ['export', board.id, '-f', 'png', '-o', out, '--snapshot', saved.body.id, '--server', server.url],
      {
        ...io,
        env: { PARLEY_TOKEN: board.viewToken },
      },
    );
    expect(decodePng(await fs.readFile(out)).width).toBeGreaterThan(100);
  });

  it('clear errors: bad arguments, wrong token, unreachable server', async () => {
    const args = (...extra: string[]) => ['export', board.id, '--out', path.join(tmp.dir, 'x'), ...extra];
    await expect(runCli(args('--format', 'pdf', '--token', 't'), io)).rejects.toThrow(
      /--format must be one of/,
    );
    await expect(runCli(['export', 'nope', '-f', 'svg', '-o', 'x', '--token', 't'], io)).rejects.toThrow(
      /expected a board id/,
    );
    await expect(runCli(args('--format', 'svg'), io)).rejects.toThrow(/token is required/);
    await expect(runCli(args('--format', 'svg', '--bogus'), io)).rejects.toBeInstanceOf(CliError);
    await expect(
      runCli(args('--format', 'svg', '--server', server.url, '--token', 'A'.repeat(43)), io),
    ).rejects.toThrow(/server refused \(401\): invalid token/);
    await expect(
      runCli(args('--format', 'svg', '--server', 'http://127.0.0.1:9', '--token', 't'), io),
    ).rejects.toThrow(/cannot reach the Parley server at http:\/\/127\.0\.0\.1:9/);
    await expect(fs.access(path.join(tmp.dir, 'x'))).rejects.toThrow();
  });

  it('npm run parley works as a command (exit code 0, file written; 2 with a message on error)', async () => {
    const run = promisify(execFile);
    const out = path.join(tmp.dir, 'cmd.graphml');
    const cwd = path.resolve(import.meta.dirname, '../..');
    await run(
      'npm',
      [
        'run',
        '--silent',
        'parley',
        '--',
        'export',
        board.id,
        '--format',
        'graphml',
        '--out',
        out,
        '--server',
        server.url,
        '--token',
        board.viewToken,
      ],
      { cwd },
    );
    expect(findAll(parseXml(await fs.readFile(out, 'utf8')), 'node')).toHaveLength(board.actors);
    const failed = await run('npm', ['run', '--silent', 'parley', '--', 'export'], { cwd }).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/parley: expected a board id/);
  });
});
