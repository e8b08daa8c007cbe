/**
 * `npm run bench:server [-- --quick] [-- --scenario N[,M]] [-- --rounds N]`
 *
 * Runs the issue-6 scenarios against Parley (durable SQLite) and the
 * reference @y/websocket-server, alternating which goes first, each run on a
 * fresh server process; prints medians and ratios as a markdown table and
 * writes it to bench/results/server-latest.md. Load comes from a separate
 * load-generator process plus WebsocketProvider probes in this process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { machineInfo } from '../machine.ts';
import { LoadGenerator } from './load/client.ts';
import { installCleanup, REPO_ROOT, type ServerKind, startServer } from './processes.ts';
import { buildReport, type ScenarioResults } from './report.ts';
import type { Metrics, RunContext } from './scenarios/context.ts';
import { runJoinStorm } from './scenarios/join-storm.ts';
import { runMoves } from './scenarios/moves.ts';
import { runRooms } from './scenarios/rooms.ts';
import { runStorage } from './scenarios/storage.ts';

interface Options {
  quick: boolean;
  scenarios: number[];
  rounds: number;
}

const SCENARIOS: Record<
  number,
  { name: string; parleyOnly?: boolean; run(ctx: RunContext): Promise<Metrics> }
> = {
  1: { name: '40 clients × 10 moves/s', run: (ctx) => runMoves(ctx, false) },
  2: { name: '40 clients × (10 moves + 10 cursors)/s', run: (ctx) => runMoves(ctx, true) },
  3: { name: '100 boards × 5 clients', run: runRooms },
  4: { name: 'join storm: 100 clients, 2,000 actors', run: runJoinStorm },
  5: { name: 'storage growth', parleyOnly: true, run: runStorage },
};

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, scenarios: [1, 2, 3, 4, 5], rounds: 3 };
  let roundsGiven = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = (): string => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--scenario') {
      options.scenarios = value()
        .split(',')
        .map((s) => Number(s));
      if (options.scenarios.some((n) => !SCENARIOS[n])) throw new Error('--scenario takes numbers 1–5');
    } else if (arg === '--rounds') {
      options.rounds = Number(value());
      roundsGiven = true;
      if (!Number.isInteger(options.rounds) || options.rounds < 1 || options.rounds > 20) {
        throw new Error('--rounds takes 1–20');
      }
    } else throw new Error(`unknown option ${arg} (use --quick, --scenario N[,M], --rounds N)`);
  }
  if (options.quick && !roundsGiven) options.rounds = 1;
  return options;
}

function brief(metrics: Metrics): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(' ');
}

async function runOne(
  kind: ServerKind,
  scenario: number,
  load: LoadGenerator,
  quick: boolean,
): Promise<Metrics> {
  const server = await startServer(kind);
  try {
    return await (SCENARIOS[scenario] as (typeof SCENARIOS)[number]).run({ server, load, quick });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  installCleanup();
  const options = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const started = performance.now();
  const load = new LoadGenerator();
  const results = new Map<number, ScenarioResults>();
  let failures = 0;
  try {
    for (const scenario of options.scenarios) {
      const spec = SCENARIOS[scenario] as (typeof SCENARIOS)[number];
      const entry: ScenarioResults = { parley: [], reference: [] };
      results.set(scenario, entry);
      for (let round = 0; round < options.rounds; round += 1) {
        const kinds: ServerKind[] = spec.parleyOnly
          ? ['parley']
          : round % 2 === 0
            ? ['parley', 'reference']
            : ['reference', 'parley'];
        for (const kind of kinds) {
          const t = performance.now();
          try {
            const metrics = await runOne(kind, scenario, load, options.quick);
            entry[kind].push(metrics);
            process.stdout.write(
              `S${scenario} ${spec.name} · round ${round + 1} · ${kind} (${((performance.now() - t) / 1000).toFixed(1)} s): ${brief(metrics)}\n`,
            );
          } catch (error) {
            failures += 1;
            process.stdout.write(
              `S${scenario} round ${round + 1} ${kind} FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
            );
          }
        }
      }
    }
  } finally {
    await load.close();
  }
  const report = buildReport(results, machine, options.rounds, options.quick);
  const elapsed = ((performance.now() - started) / 1000).toFixed(0);
  const markdown = `${report.markdown}\n\nFull run took ${elapsed} s. Reproduce: \`npm run bench:server\`.\n`;
  process.stdout.write(`\n${markdown}`);
  {
    // Only a full run stands for the record; quick and partial runs go to their own file.
    const full = options.scenarios.length === 5 && !options.quick;
    const out = path.join(REPO_ROOT, `bench/results/${full ? 'server-latest.md' : 'server-partial.md'}`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, markdown);
    process.stdout.write(`\nwritten to ${path.relative(REPO_ROOT, out)}\n`);
  }
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
