// The public entry of the drawing engine: a process definition and its item's particulars in, the 权力运行流程图 or
// 廉政风险防控图 out as SVG text (and PNG through renderPng). Tolerates a process still being edited.
import type { ProcessDefinition, StepNode } from '../process.rules.ts';
import { layoutChart } from './layout.ts';
import { layoutSheet } from './sheet.ts';
import { renderSvg } from './svg.ts';

export { renderPng } from './png.ts';

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

/**
 * Draws the process as an A4 sheet of SVG: the flowchart, or with `risk` the risk map (steps coloured by their risk
 * grade, a column of numbered risk points and measures). Flows to missing nodes are left out, unreachable nodes are
 * drawn, and an empty process gives a sheet that says so; the same input always gives the same text.
 */
export async function drawProcess(input: DrawingInput, options: { risk: boolean }): Promise<string> {
  const sheetInput = { ...input, risk: options.risk };
  if (input.process.nodes.length === 0) return renderSvg(layoutSheet(sheetInput, null), null, options.risk);
  const chartInput = { process: input.process, performerLabel: input.performerLabel, risk: options.risk };
  let chart = await layoutChart(chartInput);
  let sheet = layoutSheet(sheetInput, chart);
  // A long chart shrunk to the page's height is laid out again, wrapped into columns, and kept if it reads larger.
  if (sheet.chart && sheet.chart.scale < 1 && chart.height / chart.width > (WRAP_WHEN * sheet.area.h) / sheet.area.w) {
    const wrapped = await layoutChart(chartInput, sheet.area.w / sheet.area.h);
    const again = layoutSheet(sheetInput, wrapped);
    if (again.chart && again.chart.scale > sheet.chart.scale * 1.2) {
      chart = wrapped;
      sheet = again;
    }
  }
  return renderSvg(sheet, chart, options.risk);
}

/** How much taller than its area (in proportion) a chart must be before wrapping it is tried. */
const WRAP_WHEN = 1.5;
