/**
 * The benchmark's child processes: the two servers and the load generator.
 * Every child is registered so that all of them are killed when the
 * benchmark ends, however it ends (normal exit, error, Ctrl-C).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REFERENCE_BIN = path.join(REPO_ROOT, 'node_modules/@y/websocket-server/src/server.js');

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let installed = false;
/** Kills every registered child on exit, error or signal. Call once at startup. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    process.stderr.write(`bench: fatal: ${error.stack ?? String(error)}\n`);
    killAll();
    process.exit(1);
  });
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface ServerProcess {
  kind: 'parley' | 'reference';
  child: ChildProcess;
  pid: number;
  port: number;
  httpUrl: string;
  /** What a WebsocketProvider takes as serverUrl; a room's socket is `${wsBase}/${room}`. */
  wsBase: string;
  /** Parley only: its SQLite file. */
  databaseFile?: string;
  stop(): Promise<void>;
  /** Parley only: a fresh process on the same data (this object then describes the new one). */
  restart?(): Promise<void>;
}

/** Waits for a line of the child's stdout that `match` accepts. */
function waitForLine<T>(
  child: ChildProcess,
  match: (line: string) => T | undefined,
  what: string,
): Promise<T> {
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within 30 s; stderr: ${stderr}`)),
      30_000,
    );
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    // BENCH_SERVER_LOG_DIR keeps each server's log lines, for diagnosing a run.
    const logDir = process.env.BENCH_SERVER_LOG_DIR;
    const log = logDir
      ? fs.createWriteStream(path.join(logDir, `${what.replace(/\W+/g, '-')}-${child.pid}.log`))
      : null;
    lines.on('line', (line) => {
      log?.write(`${line}\n`);
      const value = match(line);
      if (value !== undefined) {
        clearTimeout(timer);
        resolve(value);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${what} exited (code ${code}, signal ${signal}) before listening; stderr: ${stderr}`),
      );
    });
  });
}

function extraNodeArgs(): string[] {
  return (process.env.BENCH_PARLEY_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
}

/** Spawns `node --import tsx server/main.ts` on a data directory and waits for its "listening" line. */
async function spawnParley(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = track(
    // BENCH_PARLEY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is for profiling the server.
    spawn(process.execPath, [...extraNodeArgs(), '--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: process.env.BENCH_PARLEY_LOG_LEVEL ?? 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const port = await waitForLine(
    child,
    (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
        return entry.msg === 'listening' && typeof entry.port === 'number' ? entry.port : undefined;
      } catch {
        return undefined;
      }
    },
    'Parley',
  );
  return { child, port };
}

/** Parley as `npm run serve` runs it (tsx, one process so /proc/<pid> is the server), with durable SQLite. */
export async function startParley(): Promise<ServerProcess> {
  const dataDir = makeTempDir('parley-bench-');
  const first = await spawnParley(dataDir);
  const server: ServerProcess = {
    kind: 'parley',
    child: first.child,
    pid: first.child.pid as number,
    port: first.port,
    httpUrl: `http://127.0.0.1:${first.port}`,
    wsBase: `ws://127.0.0.1:${first.port}/ws`,
    databaseFile: path.join(dataDir, 'parley.db'),
    stop: async () => {
      await stopChild(server.child);
      removeTempDir(dataDir);
    },
    restart: async () => {
      await stopChild(server.child);
      const next = await spawnParley(dataDir);
      Object.assign(server, {
        child: next.child,
        pid: next.child.pid as number,
        port: next.port,
        httpUrl: `http://127.0.0.1:${next.port}`,
        wsBase: `ws://127.0.0.1:${next.port}/ws`,
      });
    },
  };
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The reference: @y/websocket-server's own bin script, in memory (no YPERSISTENCE). */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
  delete env.YPERSISTENCE;
  const child = track(
    spawn(process.execPath, [REFERENCE_BIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  await waitForLine(child, (line) => (line.includes('running at') ? true : undefined), 'reference server');
  return {
    kind: 'reference',
    child,
    pid: child.pid as number,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}`,
    stop: () => stopChild(child),
  };
}

export type ServerKind = ServerProcess['kind'];

export const startServer = (kind: ServerKind): Promise<ServerProcess> =>
  kind === 'parley' ? startParley() : startReference();

/** Forks the load generator (bench/server/load/process.ts) with IPC that carries Uint8Arrays. */
export function forkLoadProcess(): ChildProcess {
  const entry = path.join(REPO_ROOT, 'bench/server/load/process.ts');
  return track(
    fork(entry, [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}
