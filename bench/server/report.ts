/** The server benchmark's table: medians per server, the Parley/reference ratio, the targets. */
import { type MachineInfo, machineLine } from '../machine.ts';
import { medianOfFinite } from '../stats.ts';
import type { Metrics } from './scenarios/context.ts';

export interface ScenarioResults {
  parley: Metrics[];
  reference: Metrics[];
}

interface Target {
  text: string;
  met(parley: number, reference: number): boolean;
}

interface Row {
  scenario: number;
  key: string;
  label: string;
  digits: number;
  parleyOnly?: boolean;
  target?: Target;
}

const ROWS: Row[] = [
  {
    scenario: 1,
    key: 'cpuPerUpdateMs',
    label: 'server CPU per update (ms)',
    digits: 3,
    target: { text: 'Parley ≤ 0.5× reference', met: (p, r) => p <= 0.5 * r },
  },
  { scenario: 1, key: 'serverCpuPct', label: 'server CPU (% of one core)', digits: 0 },
  { scenario: 1, key: 'updatesPerSec', label: 'updates sent per s', digits: 0 },
  { scenario: 1, key: 'updateP50', label: 'update propagation p50 (ms)', digits: 1 },
  { scenario: 1, key: 'updateP99', label: 'update propagation p99 (ms)', digits: 1 },
  { scenario: 2, key: 'cpuPerMessageMs', label: 'server CPU per update or cursor (ms)', digits: 3 },
  { scenario: 2, key: 'serverCpuPct', label: 'server CPU (% of one core)', digits: 0 },
  { scenario: 2, key: 'cursorP50', label: 'cursor propagation p50 (ms)', digits: 1 },
  {
    scenario: 2,
    key: 'cursorP99',
    label: 'cursor propagation p99 (ms)',
    digits: 1,
    target: { text: 'Parley ≤ 100 ms', met: (p) => p <= 100 },
  },
  { scenario: 2, key: 'updateP50', label: 'update propagation p50 (ms)', digits: 1 },
  {
    scenario: 2,
    key: 'updateP99',
    label: 'update propagation p99 (ms)',
    digits: 1,
    target: { text: 'Parley ≤ 100 ms', met: (p) => p <= 100 },
  },
  { scenario: 3, key: 'perRoomKB', label: 'RSS per room (KB)', digits: 0 },
  { scenario: 3, key: 'perConnectionKB', label: 'RSS per connection (KB)', digits: 1 },
  {
    scenario: 3,
    key: 'perRoomWithClientsKB',
    label: 'RSS per room with 5 clients, after edits (KB)',
    digits: 0,
  },
  { scenario: 3, key: 'finalRssMB', label: 'server RSS at end (MB)', digits: 0 },
  { scenario: 3, key: 'serverCpuPct', label: 'server CPU during edits (%)', digits: 1 },
  { scenario: 4, key: 'syncP50', label: 'time to synced p50 (ms)', digits: 0 },
  {
    scenario: 4,
    key: 'syncP99',
    label: 'time to synced p99 (ms)',
    digits: 0,
    target: { text: 'Parley ≤ 2000 ms', met: (p) => p <= 2000 },
  },
  { scenario: 4, key: 'peakRssMB', label: 'peak server RSS (MB)', digits: 0 },
  {
    scenario: 4,
    key: 'cpuPerJoinMs',
    label: 'server CPU per join (ms)',
    digits: 2,
    target: { text: 'Parley < one full encode (board encoded once, not per join)', met: () => true },
  },
  { scenario: 4, key: 'fullEncodeMs', label: 'one full-state encode, for comparison (ms)', digits: 2 },
  { scenario: 4, key: 'failed', label: 'joins that failed', digits: 0 },
  { scenario: 5, key: 'storedKB', label: 'stored bytes after compaction (KB)', digits: 1, parleyOnly: true },
  { scenario: 5, key: 'stateKB', label: 'Y.encodeStateAsUpdate (KB)', digits: 1, parleyOnly: true },
  {
    scenario: 5,
    key: 'storedToState',
    label: 'stored / state',
    digits: 2,
    parleyOnly: true,
    target: { text: '≤ 2', met: (p) => p <= 2 },
  },
  { scenario: 5, key: 'storedKBBeforeUnload', label: 'stored while live (KB)', digits: 1, parleyOnly: true },
  { scenario: 5, key: 'fileKB', label: 'SQLite file + WAL (KB)', digits: 0, parleyOnly: true },
];

function fmt(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** Whether a target is met; the S4 encode-once check compares two Parley figures. */
function targetMet(row: Row, p: number, r: number, metrics: Map<string, number>): boolean | null {
  if (!row.target || !Number.isFinite(p)) return null;
  if (row.key === 'cpuPerJoinMs') {
    const encode = metrics.get('fullEncodeMs') ?? Number.NaN;
    return Number.isFinite(encode) ? p < encode : null;
  }
  if (!row.parleyOnly && row.target.text.includes('reference') && !Number.isFinite(r)) return null;
  return row.target.met(p, r);
}

export interface Report {
  markdown: string;
  targets: { label: string; met: boolean | null }[];
}

export function buildReport(
  results: Map<number, ScenarioResults>,
  machine: MachineInfo,
  rounds: number,
  quick: boolean,
): Report {
  const lines: string[] = [
    `## Server benchmark${quick ? ' (quick run: shortened durations, not for the record)' : ''}`,
    '',
    `${machineLine(machine)}. Medians of ${rounds} round(s), servers alternating.`,
    '',
    '| # | metric | Parley | reference | Parley/ref | target | met |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  const targets: Report['targets'] = [];
  for (const row of ROWS) {
    const scenario = results.get(row.scenario);
    if (!scenario) continue;
    const p = medianOfFinite(scenario.parley.map((m) => m[row.key] ?? Number.NaN));
    const r = row.parleyOnly
      ? Number.NaN
      : medianOfFinite(scenario.reference.map((m) => m[row.key] ?? Number.NaN));
    const parleyMedians = new Map<string, number>();
    for (const key of ['fullEncodeMs']) {
      parleyMedians.set(key, medianOfFinite(scenario.parley.map((m) => m[key] ?? Number.NaN)));
    }
    const ratio = Number.isFinite(p) && Number.isFinite(r) && r !== 0 ? p / r : Number.NaN;
    const met = targetMet(row, p, r, parleyMedians);
    if (row.target) targets.push({ label: `S${row.scenario} ${row.label}: ${row.target.text}`, met });
    lines.push(
      `| ${row.scenario} | ${row.label} | ${fmt(p, row.digits)} | ${row.parleyOnly ? 'n/a' : fmt(r, row.digits)} | ${fmt(ratio, 2)} | ${row.target?.text ?? ''} | ${met === null ? '' : met ? 'yes' : 'NO'} |`,
    );
  }
  lines.push('');
  lines.push(
    'Scenarios: 1 = one board, 40 clients × 10 actor drops/s; 2 = 1 + 10 cursor updates/s per client; ' +
      '3 = 100 boards × 5 clients, moderate edits; 4 = 100 clients join a 2,000-actor / 4,000-relation board at once; ' +
      '5 = workshop of 10,000 drops + 500 edits, then compaction (Parley only: the reference stores nothing). ' +
      'Parley runs with durable SQLite persistence; the reference (@y/websocket-server 0.1.1) keeps documents in memory only.',
  );
  return { markdown: lines.join('\n'), targets };
}
