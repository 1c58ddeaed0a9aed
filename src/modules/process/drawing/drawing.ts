// The public entry of the drawing engine: a process definition and its item's particulars in, the 权力运行流程图 or
// 廉政风险防控图 out as SVG text (and PNG through renderPng). Tolerates a process still being edited.
import type { ProcessDefinition, StepNode } from '../process.rules.ts';
import { layoutChart, type Chart } from './layout.ts';
import { UndrawableProcess } from './layout-thread.ts';
import { layoutSheet } from './sheet.ts';
import { renderSvg } from './svg.ts';
import { withoutControls } from './text-metrics.ts';

export { renderPng } from './png.ts';
export { closeLayoutThread, LAYOUT_TIME_LIMIT_MS, UndrawableProcess, type UndrawableReason } from './layout-thread.ts';

export interface DrawingInput {
  /** Item name, e.g. 酒类商品零售许可. */
  title: string;
  /** 实施单位, e.g. 示范县经济和信息化局. */
  unitName: string;
  /** Legal basis citations. */
  basis: string[];
  supervisionPhone: string | null;
  /** Working days. */
  statutoryLimit: number | null;
  promisedLimit: number | null;
  process: ProcessDefinition;
  /** How the drawing names a step's performer, e.g. '审批股 股室负责人' (the caller resolves units and roles). */
  performerLabel: (step: StepNode) => string;
  /** Label of a risk category code, e.g. discretion → 自由裁量. */
  riskCategoryLabel: (code: string) => string;
}

export interface DrawingOptions {
  /** The 廉政风险防控图 rather than the 权力运行流程图. */
  risk: boolean;
  /**
   * Time limit of each ELK layout in milliseconds (default LAYOUT_TIME_LIMIT_MS), counted from its start (layouts run
   * one at a time, and waiting for the others does not count). A drawing takes one layout, or two when a tall chart is
   * tried again wrapped into columns; that second one failing or over time only leaves the first chart standing.
   */
  timeLimitMs?: number;
}

/**
 * Draws the process as an A4 sheet of SVG: the flowchart, or with `risk` the risk map (steps coloured by their risk
 * grade, a column of numbered risk points and measures). Flows to missing nodes are left out, unreachable nodes are
 * drawn, and an empty process gives a sheet that says so; the same input always gives the same text.
 *
 * Layout runs in a worker thread. A process that ELK cannot lay out, or not within the time limit (some valid ones,
 * such as dozens of 退回 flows to one step, take ELK minutes), rejects with UndrawableProcess.
 */
export async function drawProcess(raw: DrawingInput, options: DrawingOptions): Promise<string> {
  const input = withoutControlChars(raw);
  const sheetInput = { ...input, risk: options.risk };
  if (input.process.nodes.length === 0) return renderSvg(layoutSheet(sheetInput, null), null, options.risk);
  const chartInput = { process: input.process, performerLabel: input.performerLabel, risk: options.risk };
  let chart = await layoutChart(chartInput, undefined, options.timeLimitMs);
  let sheet = layoutSheet(sheetInput, chart);
  // A long chart shrunk to the page's height is laid out again, wrapped into columns, and kept if it reads larger.
  if (sheet.chart && sheet.chart.scale < 1 && chart.height / chart.width > (WRAP_WHEN * sheet.area.h) / sheet.area.w && worthWrapping(chart)) {
    const wrapped = await layoutChart(chartInput, sheet.area.w / sheet.area.h, options.timeLimitMs).catch((e: unknown) => {
      // ELK's wrapping fails on some ordinary processes (NoSuchElementException for a chain with one 退回 flow to its
      // first step) or takes too long: the unwrapped chart stands.
      if (e instanceof UndrawableProcess) return null;
      throw e;
    });
    const again = wrapped && layoutSheet(sheetInput, wrapped);
    if (wrapped && again?.chart && again.chart.scale > sheet.chart.scale * 1.2) {
      chart = wrapped;
      sheet = again;
    }
  }
  return renderSvg(sheet, chart, options.risk);
}

/** How much taller than its area (in proportion) a chart must be before wrapping it is tried. */
const WRAP_WHEN = 1.5;
/**
 * Beyond these a second, wrapped layout is not tried: with many flows going back up the side no single flow crosses a
 * cut (so ELK does not wrap), and on big charts the second layout costs the most.
 */
const WRAP_MAX_BACK_FLOWS = 15;
const WRAP_MAX_NODES = 150;

const worthWrapping = (chart: Chart) => chart.backFlows <= WRAP_MAX_BACK_FLOWS && chart.nodes.length <= WRAP_MAX_NODES;

/**
 * The input with the characters XML does not allow (a NUL or BEL pasted into a name) left out of all its text, so that
 * what is measured is what is drawn. Node ids are kept as they are: they are what flows refer to.
 */
function withoutControlChars(input: DrawingInput): DrawingInput {
  const clean = <T>(value: T, key: string): T => {
    if (typeof value === 'string') return (key === 'id' || key === 'from' || key === 'to' ? value : withoutControls(value)) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => clean(v, key)) as T;
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, k)])) as T;
    return value;
  };
  return {
    ...input,
    ...clean({ title: input.title, unitName: input.unitName, basis: input.basis, supervisionPhone: input.supervisionPhone, process: input.process }, ''),
    performerLabel: (step) => withoutControls(input.performerLabel(step)),
    riskCategoryLabel: (code) => withoutControls(input.riskCategoryLabel(code)),
  };
}
