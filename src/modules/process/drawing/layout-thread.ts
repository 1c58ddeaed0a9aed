// ELK off the main thread. ELK's layered layout is synchronous and, on some valid processes (dozens of 退回 flows, a
// tangle of crossing flows), takes seconds to minutes or overflows the stack; run in the server's thread it would stall
// every request meanwhile. So layouts run one at a time in a worker thread (elk-worker.mjs), each under a time limit:
// a layout over its limit has its worker terminated, and the next layout starts a fresh one.
//
// The worker is started on the first layout and kept for the next ones. It holds the process open only while a layout
// is queued or running, so a CLI command or a test run exits when its work is done.
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

/** Default time limit of one ELK layout, in milliseconds. */
export const LAYOUT_TIME_LIMIT_MS = 5000;

/** Why a process could not be drawn: ELK ran over the time limit, or failed on the graph. */
export type UndrawableReason = 'timeout' | 'layout_failed';

/**
 * A process (valid or not) that the drawing engine cannot lay out: ELK took longer than the time limit, or threw.
 * Not a fault of the server; the process is too tangled to draw and should be simplified.
 */
export class UndrawableProcess extends Error {
  override readonly name = 'UndrawableProcess';
  constructor(
    readonly reason: UndrawableReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface Job {
  graph: ElkNode;
  timeLimitMs: number;
  resolve: (graph: ElkNode) => void;
  reject: (error: Error) => void;
}

type Reply = { ready: true } | { graph: ElkNode } | { error: { name: string; message: string } };

const WORKER_URL = new URL('./elk-worker.mjs', import.meta.url);

/**
 * ELK's memory is bounded too: a layout that would take more than this much heap ends its worker (layout_failed) rather
 * than growing the server's memory (in the server's own thread, a 200-step process took ELK 1.5 GB before it failed).
 */
const WORKER_HEAP_MB = 512;

class LayoutThread {
  private worker: Worker | null = null;
  private ready = false;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout } | null = null;

  layout(graph: ElkNode, timeLimitMs: number): Promise<ElkNode> {
    return new Promise((resolve, reject) => {
      this.queue.push({ graph, timeLimitMs, resolve, reject });
      this.pump();
    });
  }

  /** Terminates the worker; layouts queued or running are rejected. */
  async close(): Promise<void> {
    const worker = this.worker;
    const jobs = [...(this.current ? [this.current.job] : []), ...this.queue.splice(0)];
    if (this.current) clearTimeout(this.current.timer);
    this.current = null;
    this.worker = null;
    this.ready = false;
    for (const job of jobs) job.reject(new Error('the drawing engine was closed'));
    if (worker) await worker.terminate();
  }

  /** Starts the next queued layout if none is running, first starting a worker if there is none. */
  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    if (!this.worker) this.start();
    const worker = this.worker!;
    worker.ref();
    if (!this.ready) return; // `ready` pumps again
    const job = this.queue.shift()!;
    const timer = setTimeout(() => {
      this.discard(worker);
      this.settle(job, new UndrawableProcess('timeout', `ELK took longer than ${job.timeLimitMs} ms to lay out the process`));
    }, job.timeLimitMs);
    this.current = { job, timer };
    try {
      worker.postMessage(job.graph);
    } catch (e) {
      this.settle(job, e as Error); // a graph that cannot be cloned: a bug of the caller's
    }
  }

  private start(): void {
    const worker = new Worker(WORKER_URL, {
      // The worker is plain JavaScript: it needs none of the flags (tsx's loader, --test) the main thread was given.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.worker = worker;
    this.ready = false;
    worker.on('message', (reply: Reply) => {
      if (worker !== this.worker) return;
      if ('ready' in reply) {
        this.ready = true;
        this.pump();
        return;
      }
      const job = this.current?.job;
      if (!job) return;
      if ('graph' in reply) {
        this.settle(job, null, reply.graph);
      } else {
        // A stack overflow may leave ELK's static state half changed: the next layout gets a fresh worker.
        if (reply.error.name === 'RangeError') this.discard(worker);
        this.settle(job, new UndrawableProcess('layout_failed', `ELK could not lay out the process: ${reply.error.name}: ${reply.error.message}`));
      }
    });
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the ELK worker exited with code ${code}`)));
  }

  /** The worker died (an uncaught error, out of memory) or exited: whatever it was doing fails. */
  private lost(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    const wasReady = this.ready;
    this.worker = null;
    this.ready = false;
    void worker.terminate();
    if (!wasReady) {
      // It never loaded ELK: a broken installation, not a process that cannot be drawn. Fail what waits, once.
      for (const job of this.queue.splice(0)) job.reject(new Error('the ELK worker could not start', { cause: error }));
      return;
    }
    if (this.current) this.settle(this.current.job, new UndrawableProcess('layout_failed', `ELK failed on the process: ${error.message}`, { cause: error }));
  }

  /** Drops a worker whose state is no longer trusted (a layout over its time, a stack overflow). */
  private discard(worker: Worker): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.ready = false;
    void worker.terminate();
  }

  /** Ends the running layout and goes on with the queue; an idle worker lets the process exit. */
  private settle(job: Job, error: Error | null, graph?: ElkNode): void {
    if (this.current?.job === job) {
      clearTimeout(this.current.timer);
      this.current = null;
    }
    if (error) job.reject(error);
    else job.resolve(graph!);
    if (this.queue.length > 0) this.pump();
    else this.worker?.unref();
  }
}

const thread = new LayoutThread();

/**
 * Lays out an ELK graph in the worker thread, rejecting with UndrawableProcess when ELK fails or takes longer than
 * `timeLimitMs`. Layouts run one at a time; the limit counts from when this one starts, not while it waits its turn.
 */
export const layoutInWorker = (graph: ElkNode, timeLimitMs = LAYOUT_TIME_LIMIT_MS): Promise<ElkNode> => thread.layout(graph, timeLimitMs);

/** Terminates the layout worker (a later layout starts a new one). Not needed for the process to exit. */
export const closeLayoutThread = (): Promise<void> => thread.close();
