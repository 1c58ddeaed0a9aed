// Writes a laid-out sheet and chart as SVG text. Every word stays a <text>/<tspan> (searchable, read aloud); numbers
// are already rounded, and the output depends on nothing but its input.
import { BADGE_RADIUS, FONTS, GRADE_STROKE, type Chart, type ChartNode, type Point, type TextLine } from './layout.ts';
import { COLUMN_BADGE_RADIUS, GRADE_FILL, type RiskColumn, type Rule, type Sheet } from './sheet.ts';
import { FONT_STACK, withoutControls } from './text-metrics.ts';

const INK = '#222';
const DETAIL = '#444';
const STROKE = '#333';
const EDGE = '#444';
const TERMINATOR_FILL = '#eeeeee';
/** How far an edge stops short of its end, under the arrowhead, so the line does not poke out of the tip. */
const ARROW_INSET = 4;

/** Escapes text and attribute values (titles and names come from users), leaving out characters XML does not allow. */
export function escapeXml(s: string): string {
  return withoutControls(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (x: number) => String(Math.round(x * 10) / 10);

function textAttrs(l: Pick<TextLine, 'size' | 'bold' | 'anchor' | 'fill'>): string {
  return [
    `font-size="${n(l.size)}"`,
    l.bold ? 'font-weight="bold"' : '',
    l.anchor !== 'start' ? `text-anchor="${l.anchor}"` : '',
    l.fill ? `fill="${l.fill}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Lines of one block as a single <text> with a <tspan> per line, offset by (dx, dy). */
function textBlock(lines: readonly TextLine[], dx = 0, dy = 0, fill?: string): string {
  if (lines.length === 0) return '';
  const spans = lines.map((l) => `<tspan x="${n(l.x + dx)}" y="${n(l.y + dy)}" ${textAttrs(l)}>${escapeXml(l.text)}</tspan>`).join('');
  return `<text${fill ? ` fill="${fill}"` : ''}>${spans}</text>`;
}

const ruleEl = (r: Rule, stroke = '#999', width = 1) =>
  `<line x1="${n(r.x1)}" y1="${n(r.y1)}" x2="${n(r.x2)}" y2="${n(r.y2)}" stroke="${stroke}" stroke-width="${width}"/>`;

function nodeShape(node: ChartNode, risk: boolean): string {
  const { x, y, w, h } = { x: node.x + node.shape.x, y: node.y + node.shape.y, w: node.shape.w, h: node.shape.h };
  const stroke = `stroke="${STROKE}" stroke-width="1.5"`;
  switch (node.kind) {
    case 'start':
    case 'end':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(h / 2)}" fill="${TERMINATOR_FILL}" ${stroke}/>`;
    case 'exclusive':
    case 'parallel': {
      const pts = [
        [x + w / 2, y],
        [x + w, y + h / 2],
        [x + w / 2, y + h],
        [x, y + h / 2],
      ]
        .map(([px, py]) => `${n(px!)},${n(py!)}`)
        .join(' ');
      const diamond = `<polygon points="${pts}" fill="#fff" ${stroke}/>`;
      if (node.kind === 'exclusive') return diamond;
      const cx = x + w / 2;
      const cy = y + h / 2;
      const arm = w / 4;
      return `${diamond}<path d="M${n(cx - arm)} ${n(cy)}H${n(cx + arm)}M${n(cx)} ${n(cy - arm)}V${n(cy + arm)}" stroke="${STROKE}" stroke-width="3"/>`;
    }
    case 'step': {
      const grade = risk ? node.grade : null;
      const fill = grade ? GRADE_FILL[grade] : '#fff';
      const edge = grade ? `stroke="${GRADE_STROKE[grade]}" stroke-width="2"` : stroke;
      const rect = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="3" fill="${fill}" ${edge}/>`;
      const rule =
        node.ruleY !== null ? ruleEl({ x1: x + 10, y1: y + node.ruleY, x2: x + w - 10, y2: y + node.ruleY }, grade ? GRADE_STROKE[grade] : '#aaa', 0.8) : '';
      return rect + rule;
    }
  }
}

function badge(num: number, cx: number, cy: number, r: number, fill: string, size: number): string {
  return (
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}"/>` +
    `<text x="${n(cx)}" y="${n(cy + size * 0.36)}" font-size="${n(size)}" font-weight="bold" text-anchor="middle" fill="#fff">${num}</text>`
  );
}

function nodeEl(node: ChartNode, risk: boolean): string {
  const badges = risk ? node.badges.map((b) => badge(b.n, node.x + b.x, node.y + b.y, BADGE_RADIUS, GRADE_STROKE[b.grade], FONTS.badge.size)).join('') : '';
  // Names dark, details grey: the step's first lines are its name (bold), the rest its duty, performer and limit.
  const lines = node.lines.map((l) => (l.fill || l.bold || node.kind !== 'step' ? l : { ...l, fill: DETAIL }));
  return `<g class="node ${node.kind}" data-node="${escapeXml(node.nodeId)}">${nodeShape(node, risk)}${textBlock(lines, node.x, node.y)}${badges}</g>`;
}

function edgePath(points: readonly Point[]): string {
  const pts = points.map((p) => ({ ...p }));
  const last = pts[pts.length - 1]!;
  const prev = pts[pts.length - 2];
  if (prev) {
    const len = Math.hypot(last.x - prev.x, last.y - prev.y);
    const cut = Math.min(ARROW_INSET, len / 2);
    if (len > 0) {
      last.x -= ((last.x - prev.x) / len) * cut;
      last.y -= ((last.y - prev.y) / len) * cut;
    }
  }
  return pts.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join('');
}

function chartEl(chart: Chart, risk: boolean): string {
  const edges = chart.edges.map((e) => `<path d="${edgePath(e.points)}"/>`).join('');
  const labels = chart.edges
    .flatMap((e) => e.labels)
    .map((l) => `<rect x="${n(l.x)}" y="${n(l.y)}" width="${n(l.w)}" height="${n(l.h)}" fill="#fff"/>${textBlock(l.lines, l.x, l.y, INK)}`)
    .join('');
  return (
    `<g class="edges" fill="none" stroke="${EDGE}" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#sunlit-arrow)">${edges}</g>` +
    `<g class="edge-labels">${labels}</g>` +
    `<g class="nodes" fill="${INK}">${chart.nodes.map((node) => nodeEl(node, risk)).join('')}</g>`
  );
}

function columnEl(c: RiskColumn): string {
  const swatches = c.swatches
    .map(
      (s) =>
        `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${GRADE_FILL[s.grade]}" stroke="${GRADE_STROKE[s.grade]}" stroke-width="1.5"/>`,
    )
    .join('');
  const badges = c.badges.map((b) => badge(b.n, b.x, b.y, COLUMN_BADGE_RADIUS, GRADE_STROKE[b.grade], 10)).join('');
  return (
    `<g class="risk-column" transform="translate(${n(c.x)} ${n(c.y)}) scale(${c.scale})">` +
    `${swatches}${c.rules.map((r) => ruleEl(r)).join('')}${textBlock(c.lines, 0, 0, INK)}${badges}</g>`
  );
}

/** The whole sheet as an SVG document sized to A4 (width and height in millimetres). */
export function renderSvg(sheet: Sheet, chart: Chart | null, risk: boolean): string {
  const mm = (units: number) => `${Math.round(units / 4)}mm`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${mm(sheet.width)}" height="${mm(sheet.height)}" viewBox="0 0 ${sheet.width} ${sheet.height}" ` +
      `font-family="${FONT_STACK}" role="img" aria-labelledby="sunlit-title">`,
  );
  parts.push(`<title id="sunlit-title">${escapeXml(sheet.heading)}</title>`);
  parts.push(
    `<defs><marker id="sunlit-arrow" viewBox="0 0 10 8" refX="${10 - ARROW_INSET}" refY="4" markerWidth="10" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">` +
      `<path d="M0 0L10 4L0 8z" fill="${EDGE}" stroke="none"/></marker></defs>`,
  );
  parts.push(`<rect width="${sheet.width}" height="${sheet.height}" fill="#fff"/>`);
  parts.push(`<g class="frame">${sheet.rules.map((r) => ruleEl(r, '#666', 1)).join('')}${textBlock(sheet.text, 0, 0, INK)}</g>`);
  if (sheet.chart && chart) {
    parts.push(`<g class="chart" transform="translate(${n(sheet.chart.x)} ${n(sheet.chart.y)}) scale(${sheet.chart.scale})">${chartEl(chart, risk)}</g>`);
  }
  if (sheet.note) {
    const { x, y, w, h, line } = sheet.note;
    parts.push(
      `<g class="note"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="#999" stroke-width="1.5" stroke-dasharray="8 6"/>` +
        `${textBlock([line], 0, 0, '#666')}</g>`,
    );
  }
  if (sheet.column) parts.push(columnEl(sheet.column));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
