/** Above this many remembered uses, expired ones are swept so the map stays small. */
const SWEEP_THRESHOLD = 1000;

/** Where cooldowns are kept: this process's memory, or a database every replica shares. */
export interface Cooldowns {
  /** Records a use and returns 0, or records nothing and returns the whole seconds left to wait. */
  take(userId: string, command: string, seconds: number): number | Promise<number>;
}

/** Remembers when each person last used each command, to space out repeated use, in this process. */
export class CooldownTracker implements Cooldowns {
  private readonly readyAt = new Map<string, number>();

  /**
   * Records a use of `command` by `userId` and returns 0, or, when the previous use is too recent, records
   * nothing and returns the whole seconds left to wait.
   */
  take(userId: string, command: string, seconds: number, now = Date.now()): number {
    if (seconds <= 0) return 0;
    const key = `${command}:${userId}`;
    const ready = this.readyAt.get(key) ?? 0;
    if (ready > now) return Math.ceil((ready - now) / 1000);
    if (this.readyAt.size >= SWEEP_THRESHOLD) this.sweep(now);
    this.readyAt.set(key, now + seconds * 1000);
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, ready] of this.readyAt) if (ready <= now) this.readyAt.delete(key);
  }

  get size(): number {
    return this.readyAt.size;
  }
}
