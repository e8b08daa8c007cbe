/**
 * CPU time and resident memory of another process, read from /proc (Linux),
 * so the benchmark measures a server without running inside it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

const CLK_TCK = clockTicksPerSecond();

/** User and system (kernel) CPU time the process has used, in ms (resolution 1000/CLK_TCK ms). */
export function readCpuTimes(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: (Number(fields[11]) * 1000) / CLK_TCK, system: (Number(fields[12]) * 1000) / CLK_TCK };
}

/** User + system CPU time the process has used, in ms. */
export function readCpuMs(pid: number): number {
  const { user, system } = readCpuTimes(pid);
  return user + system;
}

function statusField(pid: number, name: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${name}`);
  return Number(match[1]) * 1024;
}

/** Resident set size now, in bytes. */
export const readRssBytes = (pid: number): number => statusField(pid, 'VmRSS');

/** Samples a process's RSS on an interval and keeps the peak. */
export class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 20,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, readRssBytes(this.pid));
    } catch {
      // The process exited: the peak so far stands.
    }
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak;
  }
}

/** The median of a few RSS readings over `spanMs`, to smooth allocator noise. */
export async function settledRss(pid: number, spanMs = 600, readings = 5): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < readings; i += 1) {
    values.push(readRssBytes(pid));
    await new Promise((resolve) => setTimeout(resolve, spanMs / readings));
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] as number;
}

/** CPU time (user + system, ms) of each thread of a process, keyed by "tid name". */
export function readThreadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(
        `${tid} ${tid === String(pid) ? 'main' : name}`,
        ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK,
      );
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return out;
}

/** Per-thread CPU used between two readings, by thread name, largest first. */
export function threadCpuDelta(before: Map<string, number>, after: Map<string, number>): string {
  const byName = new Map<string, number>();
  for (const [key, ms] of after) {
    const name = key.endsWith(' main') ? 'main' : key;
    byName.set(name, (byName.get(name) ?? 0) + ms - (before.get(key) ?? 0));
  }
  return [...byName]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name}=${ms.toFixed(0)}`)
    .join(' ');
}
