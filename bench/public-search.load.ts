// The load generator of public-search.bench.ts, in a process of its own (forked) so that making requests never
// shares the measured server's event loop. For each job it receives, `clients` closed loops each send GET requests
// over keep-alive connections, one after another, walking the job's paths from their own starting point, until
// `durationMs` has passed; it answers with the count, the elapsed time and latency percentiles.
import http from 'node:http';

export interface LoadJob {
  port: number;
  paths: string[];
  clients: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Requests answered per second over the whole job. */
  rate: number;
  p50: number;
  p99: number;
  /** Every latency (ms), for pooling percentiles over rounds. */
  latencies: number[];
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function get(agent: http.Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
  const latencies: number[] = [];
  let errors = 0;
  const start = nowMs();
  const deadline = start + job.durationMs;
  await Promise.all(
    Array.from({ length: job.clients }, async (_, c) => {
      // Each client starts at its own place in the list, so that concurrent requests differ.
      let i = Math.floor((c * job.paths.length) / job.clients);
      while (nowMs() < deadline) {
        const t0 = nowMs();
        const status = await get(agent, job.port, job.paths[i % job.paths.length]!).catch(() => 0);
        latencies.push(nowMs() - t0);
        if (status !== 200) errors += 1;
        i += 1;
      }
    }),
  );
  const elapsed = nowMs() - start;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: latencies.length, errors, rate: (latencies.length * 1000) / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), latencies };
}

process.on('message', (job: LoadJob | 'exit') => {
  if (job === 'exit') process.exit(0);
  void run(job).then((r) => process.send!(r));
});
process.send!('ready');
