/**
 * The clock is injected everywhere time matters so rules stay pure and tests can pin time.
 * SUNLIT_NOW starts the clock at a given instant and lets it run on; SUNLIT_CLOCK=frozen stops it there.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and runs on in real time (or stays put when frozen). */
export function offsetClock(start: Date, frozen: boolean): Clock {
  const startedAt = Date.now();
  return {
    now: () => (frozen ? new Date(start.getTime()) : new Date(start.getTime() + (Date.now() - startedAt))),
  };
}

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(to: Date | string): void {
    this.t = new Date(to).getTime();
  }
}

/** Instants are stored as UTC ISO strings with milliseconds: they sort as text on both engines. */
export const toInstant = (d: Date): string => d.toISOString();

/** The civil date (YYYY-MM-DD) of an instant in Asia/Shanghai (UTC+8, no daylight saving since 1991). */
export function civilDateShanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
