// draw.process: median milliseconds of drawProcess for the 30-step process of the drawing tests (three choices, a
// parallel region, one 补正 loop) as a 权力运行流程图 — text measured and wrapped, ELK layout in the drawing engine's
// worker thread (twice: the chart is tall enough to be tried again wrapped into columns), the A4 sheet and the SVG
// text. Baseline elk.layout: ELK's own layout() of the same graph in this thread, measured in the same rounds. Fonts
// are loaded and both warmed up first: ELK runs in two isolates here (the worker's and this one), each compiled
// separately, and reaches its steady speed only after a few dozen layouts. Latency, so no ratio in the table; the
// progress line gives it. Target < 200 ms.
import { drawProcess } from '../src/modules/process/drawing/drawing.ts';
import { buildGraph, runLayoutInThread } from '../src/modules/process/drawing/layout.ts';
import { loadFonts } from '../src/modules/process/drawing/text-metrics.ts';
import { performerLabel, sampleInput } from '../src/modules/process/drawing/testdata/fixtures.ts';
import { THIRTY_STEPS } from '../src/modules/process/drawing/testdata/thirty-steps.ts';
import { describeSamples, interleaved, latencyResult, median, nowMs, round3, type BenchModule } from './lib.ts';

const TARGET_MS = 200;
const WARM_UP_ROUNDS = 30;

export const drawProcessBench: BenchModule = {
  title: 'draw.process — drawing a 30-step process as SVG vs ELK laying out its graph',
  async run(ctx) {
    const rounds = ctx.quick ? 10 : 30;
    loadFonts();
    const input = sampleInput(THIRTY_STEPS);
    const draw = async () => {
      const t = nowMs();
      await drawProcess(input, { risk: false });
      return nowMs() - t;
    };
    const layout = async () => {
      const { graph } = buildGraph({ process: THIRTY_STEPS, performerLabel, risk: false }); // ELK writes into its graph: a fresh one each time
      const t = nowMs();
      await runLayoutInThread(graph);
      return nowMs() - t;
    };
    for (let i = 0; i < WARM_UP_ROUNDS; i++) {
      await draw();
      await layout();
    }
    const samples = await interleaved(rounds, { draw, layout });
    const value = median(samples.draw);
    const baseline = median(samples.layout);
    ctx.log(`  drawProcess ${describeSamples(samples.draw, ' ms')}, elk.layout ${describeSamples(samples.layout, ' ms')}`);
    ctx.log(`  ratio ${round3(value / baseline)}× the bare layout; target < ${TARGET_MS} ms: ${value < TARGET_MS ? 'met' : 'NOT met'}`);
    return [latencyResult('draw.process.30steps', value, 'ms', 'elk.layout.30steps', baseline)];
  },
};
