// `npm run bench [-- --quick]`: runs every benchmark module, prints the table of figures against their baselines
// (each measured in the same run, interleaved) and writes bench/results.json. --quick measures the same things on
// less data in about a minute; the full run stays within about five minutes on two cores.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { auditAppend } from './audit-append.bench.ts';
import { auditVerify } from './audit-verify.bench.ts';
import { drawProcessBench } from './draw-process.bench.ts';
import { legalClock } from './legal-clock.bench.ts';
import { powerImport } from './power-import.bench.ts';
import { publicSearch } from './public-search.bench.ts';
import { stepsBench } from './steps.bench.ts';
import { nowMs, type BenchContext, type BenchModule, type BenchResult } from './lib.ts';

const MODULES: BenchModule[] = [auditAppend, auditVerify, powerImport, publicSearch, drawProcessBench, legalClock, stepsBench];
const RESULTS_FILE = fileURLToPath(new URL('results.json', import.meta.url));

function parseArgs(argv: string[]): { quick: boolean } {
  let quick = false;
  for (const a of argv) {
    if (a === '--quick') quick = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench [-- --quick]\n  --quick  the same measurements on less data, in about a minute');
      process.exit(0);
    } else {
      console.error(`unknown argument ${a} (try --help)`);
      process.exit(2);
    }
  }
  return { quick };
}

function formatNumber(x: number | null): string {
  if (x === null) return '—';
  return x.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function table(results: BenchResult[]): string {
  const header = ['name', 'value', 'unit', 'baseline', 'baseline value', 'ratio'];
  const rows = results.map((r) => [
    r.name,
    formatNumber(r.value),
    r.unit,
    r.baseline_name ?? '—',
    formatNumber(r.baseline_value),
    r.ratio === null ? '—' : r.ratio.toFixed(2),
  ]);
  const numeric = [false, true, false, false, true, true];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const { quick } = parseArgs(process.argv.slice(2));
const skipped: string[] = [];
const ctx: BenchContext = {
  quick,
  log: (message) => console.error(message),
  skip: (what, why) => {
    skipped.push(`${what} skipped: ${why}`);
    console.error(`  ${what} skipped: ${why}`);
  },
};

console.error(`Sunlit benchmarks${quick ? ' (--quick)' : ''} — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
const started = nowMs();
const results: BenchResult[] = [];
try {
  for (const m of MODULES) {
    console.error(`\n${m.title}`);
    const t0 = nowMs();
    results.push(...(await m.run(ctx)));
    console.error(`  (${((nowMs() - t0) / 1000).toFixed(1)} s)`);
  }
} catch (e) {
  console.error(`\nbenchmark failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
}

writeFileSync(RESULTS_FILE, JSON.stringify({ results }, null, 2) + '\n');
console.log(`\n${table(results)}`);
for (const s of skipped) console.log(`\n${s}`);
console.log(`\n${results.length} figures in ${((nowMs() - started) / 1000).toFixed(0)} s; written to ${RESULTS_FILE}`);
