/** A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
  }

  /** Takes `cost` tokens if there are that many (a cost above the burst counts as the whole burst). */
  take(cost = 1): boolean {
    this.refill();
    const need = Math.min(cost, this.burst);
    if (this.tokens < need) return false;
    this.tokens -= need;
    return true;
  }

  /** Milliseconds until `cost` tokens will be there (0 when they are now). */
  waitMs(cost = 1): number {
    this.refill();
    const need = Math.min(cost, this.burst);
    if (this.tokens >= need || this.ratePerSecond <= 0) return 0;
    return Math.ceil(((need - this.tokens) * 1000) / this.ratePerSecond);
  }
}
