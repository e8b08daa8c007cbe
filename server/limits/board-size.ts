import * as Y from 'yjs';

/**
 * Keeps a board's encoded size under a cap without encoding the whole
 * document on every update: an estimate (last measured size plus the bytes
 * emitted since) is checked first, and the document is measured again only
 * when the estimate says "full" and has drifted, or some seconds have passed
 * (deletions shrink the real size, never the estimate).
 */
export class BoardSizeGuard {
  private estimate = -1;
  private measuredEstimate = 0;
  private measuredAt = 0;
  /** Bytes of updates admitted but not applied yet (they wait for the next commit). */
  private reserved = 0;

  constructor(
    private readonly doc: Y.Doc,
    readonly maxBytes: number,
    private readonly remeasureMs = 5_000,
  ) {}

  private measure(): void {
    this.estimate = Y.encodeStateAsUpdate(this.doc).byteLength;
    this.measuredEstimate = this.estimate;
    this.measuredAt = performance.now();
  }

  /**
   * A starting estimate (e.g. the stored log's bytes, which is at least the
   * encoded size), so the first update need not encode the whole document.
   */
  assumeSize(bytes: number): void {
    if (this.estimate >= 0) return;
    this.estimate = bytes;
    this.measuredEstimate = bytes;
    this.measuredAt = performance.now();
  }

  /** The document emitted an update of this many bytes. */
  grew(bytes: number): void {
    if (this.estimate >= 0) this.estimate += bytes;
  }

  /** Whether an update of `incoming` bytes may still be applied (counting those admitted and not yet applied). */
  admits(incoming: number): boolean {
    if (this.estimate < 0) this.measure();
    if (this.estimate + this.reserved + incoming <= this.maxBytes) return true;
    const drifted = this.estimate - this.measuredEstimate >= this.maxBytes / 32;
    if (drifted || performance.now() - this.measuredAt >= this.remeasureMs) this.measure();
    return this.estimate + this.reserved + incoming <= this.maxBytes;
  }

  /** An admitted update waits to be applied: its bytes count against the cap meanwhile. */
  reserve(bytes: number): void {
    this.reserved += bytes;
  }

  /** The waiting updates were applied: the document's own growth (grew) counts them now. */
  settle(): void {
    this.reserved = 0;
  }

  /** Last known size (measured or estimated), for messages and tests. */
  get bytes(): number {
    if (this.estimate < 0) this.measure();
    return this.estimate;
  }
}
