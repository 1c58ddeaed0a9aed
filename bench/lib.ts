// Shared benchmark plumbing: the result type written to bench/results.json, medians, time-boxed throughput rounds
// run interleaved with their baseline, and the PostgreSQL reachability probe. Measures nothing by itself.

/** One line of bench/results.json: a figure and the baseline it is judged against, measured in the same run. */
export interface BenchResult {
  /** Dotted `<capability>.<engine>[.<variant>]`, e.g. `audit.append.sqlite.1writer`. */
  name: string;
  value: number;
  unit: string;
  baseline_name: string | null;
  baseline_value: number | null;
  /** value / baseline_value for rates (higher is better); null for latencies. */
  ratio: number | null;
}

export interface BenchContext {
  quick: boolean;
  /** Progress and diagnostics, on stderr so stdout keeps the table. */
  log(message: string): void;
  /** Records a benchmark (or part of one) that could not run, with the reason. */
  skip(what: string, why: string): void;
}

export interface BenchModule {
  title: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Rounds a figure to three significant digits (whole numbers from 1000 up), for the table and the JSON alike. */
export function round3(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (Math.abs(x) >= 1000) return Math.round(x);
  const digits = 3 - Math.ceil(Math.log10(Math.abs(x)));
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A throughput figure against its baseline: ratio = value / baseline (higher is better). */
export function rateResult(name: string, value: number, unit: string, baselineName: string, baselineValue: number): BenchResult {
  return {
    name,
    value: round3(value),
    unit,
    baseline_name: baselineName,
    baseline_value: round3(baselineValue),
    ratio: Math.round((value / baselineValue) * 1000) / 1000,
  };
}

/** A latency figure: lower is better, so no ratio is given even when a baseline is shown. */
export function latencyResult(name: string, value: number, unit: string, baselineName: string | null = null, baselineValue: number | null = null): BenchResult {
  return { name, value: round3(value), unit, baseline_name: baselineName, baseline_value: baselineValue === null ? null : round3(baselineValue), ratio: null };
}

/**
 * Runs `op` from `writers` concurrent async loops until `durationMs` has passed and returns operations per second.
 * Every loop finishes the operation it started, and the elapsed time runs until the last one has.
 */
export async function throughput(op: () => Promise<unknown>, writers: number, durationMs: number): Promise<number> {
  let done = 0;
  const start = nowMs();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (nowMs() < deadline) {
        await op();
        done += 1;
      }
    }),
  );
  return (done * 1000) / (nowMs() - start);
}

/**
 * Measures several contenders in interleaved rounds (ABBA…: the order flips every round, so drift and warm-up
 * favour no one) and returns each one's per-round samples.
 */
export async function interleaved<K extends string>(rounds: number, contenders: Record<K, () => Promise<number>>): Promise<Record<K, number[]>> {
  const keys = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? keys : [...keys].reverse();
    for (const k of order) samples[k].push(await contenders[k]());
  }
  return samples;
}

/** Spread of samples, for the progress log: "median (min–max)". */
export function describeSamples(xs: readonly number[], unit = ''): string {
  const f = (x: number) => round3(x).toLocaleString('en-US');
  return `${f(median(xs))}${unit} (${f(Math.min(...xs))}–${f(Math.max(...xs))}, n=${xs.length})`;
}

export { postgresProblem } from '../src/test/test-db.ts';
