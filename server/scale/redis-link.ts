/**
 * Parley's two Redis connections: one subscribed (a subscribed connection
 * can do nothing else) and one that publishes. Pub/sub only: Parley stores
 * no keys in Redis, so eviction and persistence settings do not matter to it.
 *
 * Publishing never waits for a connection: while Redis is away a publish
 * fails at once (no offline queue to grow) and the receivers recover from
 * storage (see cluster.ts). After the subscriber reconnects, every channel is
 * subscribed again explicitly and only then is `onResubscribed` called, so a
 * catch-up read that follows cannot miss a message published in between.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisLinkOptions {
  url: string;
  /** Connection names start with it (CLIENT LIST shows which process a connection is). */
  name: string;
  onMessage(channel: string, message: Uint8Array): void;
  /** The subscriber is back after a disconnect, with every channel subscribed again. */
  onResubscribed(): void;
}

/** Reconnect quickly at first, then every 2 s, forever: Redis coming back must heal the cluster on its own. */
const retryStrategy = (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2000);

export class RedisLink {
  private readonly sub: Redis;
  private readonly pub: Redis;
  private readonly channels = new Set<string>();
  private everReady = false;
  private closed = false;
  private lastErrorLog = 0;

  constructor(
    private readonly options: RedisLinkOptions,
    private readonly logger: Logger,
  ) {
    const common: RedisOptions = { retryStrategy, maxRetriesPerRequest: null, enableReadyCheck: true };
    // The subscriber keeps its queue: SUBSCRIBE issued while Redis is away is sent on reconnect.
    this.sub = new Redis(options.url, { ...common, connectionName: `${options.name}-sub` });
    this.pub = new Redis(options.url, {
      ...common,
      connectionName: `${options.name}-pub`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    for (const [role, client] of [
      ['subscriber', this.sub],
      ['publisher', this.pub],
    ] as const) {
      client.on('error', (err: Error) => this.logError(role, err));
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.options.onMessage(channel.toString('utf8'), new Uint8Array(message));
    });
    this.sub.on('ready', () => {
      if (!this.everReady) {
        this.everReady = true;
        this.logger.info('Redis connected');
        return;
      }
      void this.resubscribe();
    });
  }

  private logError(role: string, err: Error): void {
    if (this.closed) return;
    // Redis down means an error per reconnect attempt: one line every 10 s is enough.
    const now = Date.now();
    if (now - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = now;
    this.logger.warn({ err, role }, 'Redis connection problem; fan-out degraded to storage catch-up');
  }

  private async resubscribe(): Promise<void> {
    try {
      if (this.channels.size > 0) await this.sub.subscribe(...this.channels);
      this.logger.info({ channels: this.channels.size }, 'Redis reconnected; catching up from storage');
      this.options.onResubscribed();
    } catch (err) {
      this.logError('subscriber', err as Error);
    }
  }

  /** Resolves once Redis confirmed the subscription. */
  async subscribe(channel: string): Promise<void> {
    this.channels.add(channel);
    await this.sub.subscribe(channel);
  }

  unsubscribe(channel: string): void {
    if (!this.channels.delete(channel)) return;
    this.sub.unsubscribe(channel).catch(() => undefined);
  }

  /** True when Redis took it; false when it could not be sent (the receivers recover from storage). */
  async publish(channel: string, message: Uint8Array): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.pub.publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength));
      return true;
    } catch (err) {
      this.logError('publisher', err as Error);
      return false;
    }
  }

  close(): void {
    this.closed = true;
    // No QUIT: with Redis away it would wait for a reconnect. Anything not yet
    // published is committed already; the others catch up from storage.
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
