import type { LoadGenerator } from '../load/client.ts';
import type { ServerProcess } from '../processes.ts';

/** What every scenario run gets: a fresh server and the shared load generator. */
export interface RunContext {
  server: ServerProcess;
  load: LoadGenerator;
  /** Short durations (smoke run), same loads. */
  quick: boolean;
}

/** A run's figures by metric key; NaN where a figure could not be measured. */
export type Metrics = Record<string, number>;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const MB = 1024 * 1024;
export const KB = 1024;
