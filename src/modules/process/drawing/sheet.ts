// The A4 sheet around a chart: title block, the risk column of the 廉政风险防控图, footer, and the choice of portrait
// or landscape. Page units are quarter millimetres, so the viewBox has A4's proportions exactly.
import type { RiskGrade } from '../process-vocabulary.data.ts';
import { RISK_GRADE_LABELS } from '../process-vocabulary.data.ts';
import { highestGrade, type Chart, type NumberedRisk, type TextLine } from './layout.ts';
import { textWidth, wrapText, type FontSpec } from './text-metrics.ts';

/** Quarter millimetres per millimetre. */
const UNIT = 4;
export const A4 = { short: 210 * UNIT, long: 297 * UNIT };
const MARGIN = 40;
const GAP = 16;
/** A small chart is enlarged up to this much, a large one shrunk as far as it must be. */
const MAX_CHART_SCALE = 1.25;
const MIN_COLUMN_SCALE = 0.5;

const F = {
  title: { size: 26, bold: true },
  info: { size: 12.5 },
  infoLabel: { size: 12.5, bold: true },
  footer: { size: 12 },
  colTitle: { size: 15, bold: true },
  colHead: { size: 12, bold: true },
  col: { size: 11.5 },
  legend: { size: 11 },
  note: { size: 16 },
} satisfies Record<string, FontSpec>;
const LEADING = 1.4;
const lh = (f: FontSpec) => f.size * LEADING;
const base = (top: number, f: FontSpec) => top + lh(f) / 2 + f.size * 0.36;
const r1 = (x: number) => Math.round(x * 10) / 10;
const line = (text: string, x: number, top: number, f: FontSpec, anchor: TextLine['anchor'] = 'start', fill?: string): TextLine => ({
  text,
  x: r1(x),
  y: r1(base(top, f)),
  size: f.size,
  bold: f.bold ?? false,
  anchor,
  ...(fill ? { fill } : {}),
});

export interface SheetInput {
  title: string;
  unitName: string;
  basis: string[];
  supervisionPhone: string | null;
  statutoryLimit: number | null;
  promisedLimit: number | null;
  risk: boolean;
  riskCategoryLabel: (code: string) => string;
}

export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The risk column, in its own units (drawn at `scale`). */
export interface RiskColumn {
  x: number;
  y: number;
  scale: number;
  width: number;
  height: number;
  lines: TextLine[];
  badges: { n: number; x: number; y: number; grade: RiskGrade }[];
  swatches: { x: number; y: number; w: number; h: number; grade: RiskGrade }[];
  rules: Rule[];
}

export interface Sheet {
  width: number;
  height: number;
  landscape: boolean;
  /** The full heading, also the SVG's <title>. */
  heading: string;
  text: TextLine[];
  rules: Rule[];
  /** The space for the chart, which it is scaled to fit. */
  area: { w: number; h: number };
  /** Where the chart goes; null when there is nothing to draw and `note` says so. */
  chart: { x: number; y: number; scale: number } | null;
  note: { x: number; y: number; w: number; h: number; line: TextLine } | null;
  column: RiskColumn | null;
}

export const GRADE_FILL: Record<RiskGrade, string> = { 1: '#f8d0cc', 2: '#fde3c3', 3: '#fff3bf' };
export const COLUMN_BADGE_RADIUS = 8;

function header(input: SheetInput, width: number): { lines: TextLine[]; height: number; heading: string } {
  const kind = input.risk ? '廉政风险防控图' : '权力运行流程图';
  const name = input.title.trim() || '（未命名事项）';
  const heading = `${name} ${kind}`;
  const lines: TextLine[] = [];
  let top = 0;
  for (const t of wrapText(heading, width, F.title, 2)) {
    lines.push(line(t, width / 2, top, F.title, 'middle'));
    top += lh(F.title);
  }
  top += 8;
  // Label and value rows: 实施单位, 办理时限, 设定依据 — the value wraps under itself, not under the label.
  const rows: [string, string, number][] = [];
  if (input.unitName.trim()) rows.push(['实施单位：', input.unitName.trim(), 2]);
  const limits = [
    input.statutoryLimit !== null ? `法定 ${input.statutoryLimit} 个工作日` : null,
    input.promisedLimit !== null ? `承诺 ${input.promisedLimit} 个工作日` : null,
  ].filter((x): x is string => x !== null);
  if (limits.length) rows.push(['办理时限：', limits.join('；'), 1]);
  const basis = input.basis.map((b) => b.trim()).filter(Boolean);
  if (basis.length) rows.push(['设定依据：', basis.join('；'), 3]);
  for (const [label, value, maxLines] of rows) {
    const lw = textWidth(label, F.infoLabel.size, true);
    lines.push(line(label, 0, top, F.infoLabel));
    for (const t of wrapText(value, width - lw, F.info, maxLines)) {
      lines.push(line(t, lw, top, F.info));
      top += lh(F.info);
    }
  }
  return { lines, height: top + 6, heading };
}

function footer(input: SheetInput, width: number, top: number): TextLine[] {
  const phone = input.supervisionPhone?.trim();
  if (!phone) return [];
  return [line(`监督电话：${phone}`, 0, top, F.footer), line(input.unitName.trim(), width, top, F.footer, 'end')].filter((l) => l.text);
}

/**
 * The risk column laid out at `width` in its own units: heading, legend of the three grades, then each numbered
 * risk point with its step, grade, category, description, measures and post.
 */
function riskColumn(risks: NumberedRisk[], width: number, categoryLabel: (code: string) => string, omitted: number): Omit<RiskColumn, 'x' | 'y' | 'scale'> {
  const lines: TextLine[] = [];
  const badges: RiskColumn['badges'] = [];
  const swatches: RiskColumn['swatches'] = [];
  const rules: Rule[] = [];
  let top = 0;
  lines.push(line('廉政风险点及防控措施', 0, top, F.colTitle));
  top += lh(F.colTitle) + 4;

  // Legend: as many grades to a row as fit.
  let x = 0;
  for (const g of [1, 2, 3] as RiskGrade[]) {
    const text = `${RISK_GRADE_LABELS[g].stars} ${RISK_GRADE_LABELS[g].zh}`;
    const w = 22 + textWidth(text, F.legend.size) + 12;
    if (x > 0 && x + w > width) {
      x = 0;
      top += lh(F.legend) + 2;
    }
    swatches.push({ x, y: r1(top + 2), w: 16, h: r1(lh(F.legend) - 4), grade: g });
    lines.push(line(text, x + 22, top, F.legend));
    x += w;
  }
  top += lh(F.legend) + 6;
  rules.push({ x1: 0, y1: r1(top), x2: width, y2: r1(top) });
  top += 8;

  if (risks.length === 0 && omitted === 0) {
    lines.push(line('无廉政风险点', 0, top, F.col));
    top += lh(F.col);
  }
  const indent = 2 * COLUMN_BADGE_RADIUS + 6;
  for (const { n, step, risk } of risks) {
    const grade = highestGrade([risk]) ?? 3;
    badges.push({ n, x: COLUMN_BADGE_RADIUS, y: r1(top + lh(F.colHead) / 2), grade });
    const head = `${step.name.trim() || '（未命名步骤）'} ${RISK_GRADE_LABELS[grade].stars}`;
    const cat = categoryLabel(risk.category).trim();
    for (const t of wrapText(cat ? `${head} ${cat}` : head, width - indent, F.colHead, 2)) {
      lines.push(line(t, indent, top, F.colHead));
      top += lh(F.colHead);
    }
    const parts: [string, string][] = [
      ['风险：', risk.description.trim() || '（未填写）'],
      ['措施：', risk.measures.trim() || '（未填写）'],
    ];
    if (risk.post?.trim()) parts.push(['岗位：', risk.post.trim()]);
    for (const [label, value] of parts) {
      const lw = textWidth(label, F.col.size, true);
      lines.push(line(label, indent, top, { ...F.col, bold: true }));
      for (const t of wrapText(value, width - indent - lw, F.col)) {
        lines.push(line(t, indent + lw, top, F.col));
        top += lh(F.col);
      }
    }
    top += 8;
  }
  if (omitted > 0) {
    lines.push(line(`另有 ${omitted} 个风险点限于篇幅未列出`, 0, top, F.col));
    top += lh(F.col);
  }
  return { width, height: Math.ceil(top), lines, badges, swatches, rules };
}

/**
 * Fits the column into `w`×`h`: full size when it fits, else smaller text re-wrapped to the same page width, and at
 * the smallest size as many risk points as fit with a note of how many more there are.
 */
function fitColumn(risks: NumberedRisk[], w: number, h: number, categoryLabel: (code: string) => string): RiskColumn {
  let scale = 1;
  let col = riskColumn(risks, w, categoryLabel, 0);
  while (col.height * scale > h && scale > MIN_COLUMN_SCALE) {
    scale = Math.max(MIN_COLUMN_SCALE, Math.round((scale - 0.05) * 100) / 100);
    col = riskColumn(risks, w / scale, categoryLabel, 0);
  }
  for (let k = risks.length - 1; col.height * scale > h && k >= 0; k--) col = riskColumn(risks.slice(0, k), w / scale, categoryLabel, risks.length - k);
  return { ...col, x: 0, y: 0, scale };
}

/** Widths of the risk column tried, as shares of the page's inner width. */
const COLUMN_SHARES = [0.38, 0.32, 0.26];

function compose(input: SheetInput, chart: Chart | null, landscape: boolean, share: number): Sheet & { fit: number } {
  const width = landscape ? A4.long : A4.short;
  const height = landscape ? A4.short : A4.long;
  const inner = width - 2 * MARGIN;
  const head = header(input, inner);
  const text = head.lines.map((l) => ({ ...l, x: r1(l.x + MARGIN), y: r1(l.y + MARGIN) }));
  const rules: Rule[] = [];
  let top = MARGIN + head.height;
  rules.push({ x1: MARGIN, y1: r1(top), x2: width - MARGIN, y2: r1(top) });
  top += GAP;

  const foot = footer(input, inner, 0);
  const footTop = height - MARGIN - (foot.length ? lh(F.footer) : 0);
  let bottom = footTop;
  if (foot.length) {
    bottom -= GAP;
    rules.push({ x1: MARGIN, y1: r1(bottom + GAP / 2), x2: width - MARGIN, y2: r1(bottom + GAP / 2) });
    text.push(...foot.map((l) => ({ ...l, x: r1(l.x + MARGIN), y: r1(l.y + footTop) })));
  }

  const area = { x: MARGIN, y: top, w: inner, h: bottom - top };
  let column: RiskColumn | null = null;
  if (input.risk) {
    const cw = Math.round(inner * share);
    const c = fitColumn(chart?.risks ?? [], cw, area.h, input.riskCategoryLabel);
    column = { ...c, x: area.x + inner - cw, y: r1(area.y) };
    rules.push({ x1: column.x - GAP / 2, y1: r1(area.y), x2: column.x - GAP / 2, y2: r1(area.y + area.h) });
    area.w -= cw + GAP;
  }

  if (!chart || chart.nodes.length === 0) {
    const h = Math.min(area.h, 160);
    const y = area.y + (area.h - h) / 2;
    const note = {
      x: r1(area.x),
      y: r1(y),
      w: r1(area.w),
      h: r1(h),
      line: line('尚未绘制流程', area.x + area.w / 2, y + h / 2 - lh(F.note) / 2, F.note, 'middle'),
    };
    return { width, height, landscape, heading: head.heading, text, rules, area: { w: area.w, h: area.h }, chart: null, note, column, fit: 0 };
  }
  const scale = Math.min(MAX_CHART_SCALE, area.w / chart.width, area.h / chart.height);
  const placed = {
    x: r1(area.x + (area.w - chart.width * scale) / 2),
    y: r1(area.y + (area.h - chart.height * scale) / 2),
    scale: Math.round(scale * 10000) / 10000,
  };
  // How well the sheet serves: the smaller of the chart's and the risk column's text scale.
  const fit = Math.min(scale, column?.scale ?? Infinity);
  return { width, height, landscape, heading: head.heading, text, rules, area: { w: area.w, h: area.h }, chart: placed, note: null, column, fit };
}

/**
 * The sheet in whichever orientation, and with whichever width of risk column, shows the chart and the column
 * largest (portrait and the wider column when they come close).
 */
export function layoutSheet(input: SheetInput, chart: Chart | null): Sheet {
  let best: (Sheet & { fit: number }) | null = null;
  for (const landscape of [false, true]) {
    for (const share of input.risk ? COLUMN_SHARES : [0]) {
      const s = compose(input, chart, landscape, share);
      if (!best || s.fit > best.fit * 1.12) best = s;
    }
  }
  const { fit: _fit, ...sheet } = best!;
  return sheet;
}
