/**
 * Publishes one awareness field at most every `intervalMs`, always ending with
 * the latest value: live cursors and drags stay smooth for others without
 * flooding the socket with one message per mouse event.
 */
import type { Awareness } from 'y-protocols/awareness';

export class ThrottledField<T> {
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;

  constructor(
    private readonly awareness: Awareness,
    private readonly field: string,
    private readonly intervalMs: number,
  ) {}

  publish(value: T): void {
    this.pending = { value };
    if (this.timer) return;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends a value now, dropping anything pending (e.g. `null` when a drag ends). */
  set(value: T): void {
    this.cancel();
    this.pending = { value };
    this.flush();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    this.timer = null;
    if (!this.pending) return;
    const { value } = this.pending;
    this.pending = null;
    this.lastSent = performance.now();
    this.awareness.setLocalStateField(this.field, value);
  }
}
