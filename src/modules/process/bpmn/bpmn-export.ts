// A process as BPMN 2.0 XML: the semantic model (one process of user tasks, gateways, events and sequence flows), the
// diagram (BPMNDI) from the same ELK layout as the drawing, and what BPMN has no words for in Sunlit's namespace.
import { layoutChart, type Chart, type ChartNode, type Point } from '../drawing/layout.ts';
import type { ProcessDefinition, ProcessNode, StepNode } from '../process.rules.ts';
import { BPMN_NS, BPMNDI_NS, DC_NS, DI_NS, SUNLIT_NS, XSI_NS } from './bpmn-namespaces.ts';
import { writeXml, type XmlOut } from './xml.ts';

export const EXPORTER = 'Sunlit 阳光权力运行平台';
/** The version of the BPMN mapping (not of the app): it changes only when the exported text would. */
export const EXPORTER_VERSION = '1.0';

/** Size BPMN tools draw events at; a Sunlit terminator is a pill, its BPMN event the circle at its centre. */
const EVENT_SIZE = 36;

export interface BpmnExportInput {
  itemCode: string;
  itemName: string;
  process: ProcessDefinition;
  /** The process laid out as for its flowchart (layoutChart, without risk marks or wrapping). */
  chart: Chart;
}

const NCNAME_UNSAFE = /[^A-Za-z0-9_.-]/g;

/**
 * The BPMN document of a process. Node ids are the process's own (they are NCNames by the contract); ids the
 * document adds (process, flows, diagram) are chosen not to collide with them. The same input gives the same text.
 */
export function writeBpmn(input: BpmnExportInput): string {
  const { process } = input;
  const taken = new Set(process.nodes.map((n) => n.id));
  const fresh = (base: string) => {
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    return id;
  };
  const code = input.itemCode.replace(NCNAME_UNSAFE, '_');
  const definitionsId = fresh(`Definitions_${code}`);
  const processId = fresh(`Process_${code}`);
  const flowIds = process.flows.map((_, i) => fresh(`Flow_${i + 1}`));
  const outgoing = new Map<string, number[]>();
  const incoming = new Map<string, number[]>();
  process.flows.forEach((f, i) => {
    outgoing.set(f.from, [...(outgoing.get(f.from) ?? []), i]);
    incoming.set(f.to, [...(incoming.get(f.to) ?? []), i]);
  });
  const kindOf = new Map(process.nodes.map((n) => [n.id, n.kind]));

  const nodeElement = (n: ProcessNode): XmlOut => {
    const refs = [
      ...(incoming.get(n.id) ?? []).map((i) => ({ name: 'bpmn:incoming', text: flowIds[i]! })),
      ...(outgoing.get(n.id) ?? []).map((i) => ({ name: 'bpmn:outgoing', text: flowIds[i]! })),
    ];
    const named = (element: string, extra: XmlOut[] = [], before: XmlOut[] = []): XmlOut => ({
      name: `bpmn:${element}`,
      attrs: [
        ['id', n.id],
        // As it is: an empty name stays empty (the editor's unnamed choice), an absent one absent.
        ['name', n.name],
      ],
      children: [...before, ...refs, ...extra],
    });
    switch (n.kind) {
      case 'start':
        return named('startEvent');
      case 'end':
        return named('endEvent');
      case 'exclusive':
        return named('exclusiveGateway');
      case 'parallel':
        return named('parallelGateway');
      case 'step':
        return named('userTask', potentialOwner(n), [{ name: 'bpmn:extensionElements', children: [stepExtension(n)] }]);
    }
  };

  const flowElements: XmlOut[] = process.flows.map((f, i) => {
    // A choice's flows carry a condition on the outcome, so an engine takes exactly one of them: without conditions
    // BPMN would take every flow leaving a task.
    const choice = kindOf.get(f.from) !== 'parallel' && (outgoing.get(f.from)?.length ?? 0) > 1 && f.outcome !== null;
    return {
      name: 'bpmn:sequenceFlow',
      attrs: [
        ['id', flowIds[i]!],
        ['name', f.outcome],
        ['sourceRef', f.from],
        ['targetRef', f.to],
      ],
      children: choice
        ? [
            {
              name: 'bpmn:conditionExpression',
              attrs: [['xsi:type', 'bpmn:tFormalExpression']],
              text: `\${outcome == '${f.outcome!.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'}`,
            },
          ]
        : [],
    };
  });

  const definitions: XmlOut = {
    name: 'bpmn:definitions',
    attrs: [
      ['xmlns:bpmn', BPMN_NS],
      ['xmlns:bpmndi', BPMNDI_NS],
      ['xmlns:dc', DC_NS],
      ['xmlns:di', DI_NS],
      ['xmlns:xsi', XSI_NS],
      ['xmlns:sunlit', SUNLIT_NS],
      ['id', definitionsId],
      ['targetNamespace', `urn:sunlit:power:${encodeURIComponent(input.itemCode)}`],
      ['exporter', EXPORTER],
      ['exporterVersion', EXPORTER_VERSION],
      ['sunlit:item', input.itemCode],
    ],
    children: [
      {
        name: 'bpmn:process',
        attrs: [
          ['id', processId],
          ['name', input.itemName],
          ['isExecutable', 'false'],
        ],
        children: [...processExtension(process), ...process.nodes.map(nodeElement), ...flowElements],
      },
      diagram(input, processId, flowIds, fresh),
    ],
  };
  return writeXml(definitions);
}

/** The item's duty-separation rules (BPMN has no word for them), first in the process as its schema orders them. */
function processExtension(process: ProcessDefinition): XmlOut[] {
  const rules = process.separations ?? [];
  if (rules.length === 0) return [];
  return [
    {
      name: 'bpmn:extensionElements',
      children: rules.map((r): XmlOut => ({
        name: 'sunlit:separation',
        attrs: [
          ['duties', r.duties.join(' ')],
          ['reason', r.reason],
        ],
      })),
    },
  ];
}

/** Duty, limit, clock stop, performer and risk points: everything of a step BPMN has no attribute for. */
function stepExtension(n: StepNode): XmlOut {
  return {
    name: 'sunlit:step',
    attrs: [
      ['duty', n.duty],
      ['limitDays', n.limitDays],
      ['clockStop', n.clockStop],
    ],
    children: [
      {
        name: 'sunlit:performer',
        attrs: [
          ['role', n.performer.role],
          ['unit', n.performer.unit],
          ['unitCode', n.performer.unitCode],
        ],
      },
      ...n.risks.map((r): XmlOut => ({
        name: 'sunlit:risk',
        attrs: [
          ['grade', r.grade],
          ['category', r.category],
          ['post', r.post],
        ],
        children: [
          { name: 'sunlit:description', text: r.description },
          { name: 'sunlit:measures', text: r.measures },
        ],
      })),
    ],
  };
}

/** The role as BPMN's potential owner, which engines (Camunda, Flowable) read as a candidate group. */
function potentialOwner(n: StepNode): XmlOut[] {
  if (!n.performer.role) return [];
  return [
    {
      name: 'bpmn:potentialOwner',
      children: [{ name: 'bpmn:resourceAssignmentExpression', children: [{ name: 'bpmn:formalExpression', text: n.performer.role }] }],
    },
  ];
}

const bounds = (b: { x: number; y: number; w: number; h: number }): XmlOut => ({
  name: 'dc:Bounds',
  attrs: [
    ['x', r1(b.x)],
    ['y', r1(b.y)],
    ['width', r1(b.w)],
    ['height', r1(b.h)],
  ],
});
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Where BPMN draws a node: steps and gateways as the drawing does, events as a circle at the terminator's centre. */
function shapeOf(node: ChartNode): { x: number; y: number; w: number; h: number } {
  const x = node.x + node.shape.x;
  const y = node.y + node.shape.y;
  if (node.kind !== 'start' && node.kind !== 'end') return { x, y, w: node.shape.w, h: node.shape.h };
  return { x: x + node.shape.w / 2 - EVENT_SIZE / 2, y: y + node.shape.h / 2 - EVENT_SIZE / 2, w: EVENT_SIZE, h: EVENT_SIZE };
}

/** Names BPMN tools draw outside the shape: an event's below it, a parallel gateway's to its left as in the drawing. */
function externalLabel(node: ChartNode, shape: { x: number; y: number; w: number; h: number }): XmlOut[] {
  if (node.lines.length === 0) return [];
  if (node.kind === 'start' || node.kind === 'end') {
    return [{ name: 'bpmndi:BPMNLabel', children: [bounds({ x: node.x, y: shape.y + shape.h + 4, w: node.w, h: 16 * node.lines.length })] }];
  }
  if (node.kind === 'parallel') return [{ name: 'bpmndi:BPMNLabel', children: [bounds({ x: node.x, y: node.y, w: node.shape.x - 6, h: node.h })] }];
  return [];
}

function diagram(input: BpmnExportInput, processId: string, flowIds: string[], fresh: (base: string) => string): XmlOut {
  const { chart, process } = input;
  const placed = new Map(chart.nodes.map((n) => [n.nodeId, n]));
  const circles = new Map<string, ReturnType<typeof shapeOf>>();
  const shapes: XmlOut[] = [];
  for (const n of process.nodes) {
    const node = placed.get(n.id);
    if (!node) continue;
    const shape = shapeOf(node);
    if (n.kind === 'start' || n.kind === 'end') circles.set(n.id, shape);
    shapes.push({
      name: 'bpmndi:BPMNShape',
      attrs: [
        ['id', fresh(`${n.id}_di`)],
        ['bpmnElement', n.id],
        ['isMarkerVisible', n.kind === 'exclusive' ? 'true' : null],
      ],
      children: [bounds(shape), ...externalLabel(node, shape)],
    });
  }
  const edges: XmlOut[] = [];
  for (const e of chart.edges) {
    const flow = process.flows[e.flowIndex]!;
    const points = [...e.points];
    // The drawing's edge ends on the pill's outline; BPMN's on the circle's.
    const startCircle = circles.get(flow.from);
    const endCircle = circles.get(flow.to);
    if (startCircle && points.length > 1) points[0] = ontoCircle(points[0]!, points[1]!, startCircle);
    if (endCircle && points.length > 1) points[points.length - 1] = ontoCircle(points[points.length - 1]!, points[points.length - 2]!, endCircle);
    edges.push({
      name: 'bpmndi:BPMNEdge',
      attrs: [
        ['id', fresh(`${flowIds[e.flowIndex]}_di`)],
        ['bpmnElement', flowIds[e.flowIndex]!],
      ],
      children: [
        ...points.map((p): XmlOut => ({
          name: 'di:waypoint',
          attrs: [
            ['x', r1(p.x)],
            ['y', r1(p.y)],
          ],
        })),
        ...e.labels.slice(0, 1).map((l): XmlOut => ({ name: 'bpmndi:BPMNLabel', children: [bounds(l)] })),
      ],
    });
  }
  return {
    name: 'bpmndi:BPMNDiagram',
    attrs: [['id', fresh('Diagram_1')]],
    children: [
      {
        name: 'bpmndi:BPMNPlane',
        attrs: [
          ['id', fresh('Plane_1')],
          ['bpmnElement', processId],
        ],
        children: [...shapes, ...edges],
      },
    ],
  };
}

/**
 * Moves an edge's end (on a pill's outline, reached from `from`) along its last segment to where that segment meets
 * the circle; an end the segment's line misses is moved to the circle's point nearest to it.
 */
function ontoCircle(end: Point, from: Point, circle: { x: number; y: number; w: number }): Point {
  const r = circle.w / 2;
  const cx = circle.x + r;
  const cy = circle.y + r;
  const dx = end.x - from.x;
  const dy = end.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Points from + t·u on the circle: t² + 2t(u·(from − c)) + |from − c|² − r² = 0; the first crossing is the smaller t.
  const fx = from.x - cx;
  const fy = from.y - cy;
  const b = ux * fx + uy * fy;
  const disc = b * b - (fx * fx + fy * fy - r * r);
  if (disc >= 0) {
    const t = -b - Math.sqrt(disc);
    if (t >= 0) return { x: from.x + ux * t, y: from.y + uy * t };
  }
  const d = Math.hypot(end.x - cx, end.y - cy) || 1;
  return { x: cx + ((end.x - cx) / d) * r, y: cy + ((end.y - cy) / d) * r };
}

/** Lays the process out as its flowchart is (in the layout worker) and writes its BPMN document. */
export async function exportBpmn(
  input: Omit<BpmnExportInput, 'chart'> & { performerLabel: (step: StepNode) => string },
  timeLimitMs?: number,
): Promise<string> {
  const chart = await layoutChart({ process: input.process, performerLabel: input.performerLabel, risk: false }, undefined, timeLimitMs);
  return writeBpmn({ itemCode: input.itemCode, itemName: input.itemName, process: input.process, chart });
}
