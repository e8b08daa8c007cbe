/** The benchmark's handle on its load-generator process. */
import type { ChildProcess } from 'node:child_process';
import { forkLoadProcess, stopChild } from '../processes.ts';
import type { LoadCommand, LoadResults, Reply } from './commands.ts';

export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly child: ChildProcess;

  constructor() {
    this.child = forkLoadProcess();
    this.child.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`load generator: ${reply.error}`));
    });
    this.child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`load generator exited (code ${code}, signal ${signal})`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  call<C extends LoadCommand>(command: C): Promise<LoadResults[C['cmd']]> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...command, id });
    });
  }

  async close(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    await stopChild(this.child, 2000);
  }
}
