// What a BPMN import did with a file, element by element: what refused it, what Sunlit cannot run, what it changed to
// fit Sunlit's rules, and the warnings that will block publication until someone fills them in.

/**
 * - refused: a fault that stops the import (not XML, no start, a flow to nowhere …);
 * - unsupported: an element Sunlit cannot run (timers, messages, sub-process contents, data, scripts …), left out or
 *   turned into something it can (the entry says which);
 * - adapted: a change made so the process follows Sunlit's rules (an unnamed outcome named, an implicit split drawn);
 * - warning: something missing (role, duty, limit) that blocks publication until filled in.
 */
export type ReportKind = 'refused' | 'unsupported' | 'adapted' | 'warning';

export interface ReportEntry {
  kind: ReportKind;
  code: string;
  /** The BPMN element's local name (timerEventDefinition, lane …), when the entry is about one. */
  element: string | null;
  id: string | null;
  name: string | null;
  line: number | null;
  message: { zh: string; en: string };
}

export interface BpmnProcessSummary {
  id: string;
  name: string | null;
  /** Events, tasks and gateways directly in the process. */
  flowNodes: number;
}

export interface BpmnReport {
  outcome: 'imported' | 'refused';
  /** The process imported or tried; null when the file was refused before one was chosen. */
  process: BpmnProcessSummary | null;
  /** Every process in the file. */
  processes: BpmnProcessSummary[];
  /** What the imported process holds; null when refused. */
  counts: { steps: number; choices: number; parallels: number; ends: number; flows: number } | null;
  entries: ReportEntry[];
}

const KIND_LABEL: Record<ReportKind, string> = {
  refused: '拒绝 refused',
  unsupported: '不支持 unsupported',
  adapted: '已调整 adapted',
  warning: '警告 warning',
};

const quoted = (name: string | null) => (name ? ` “${name}”` : '');

/** The report as the CLI prints it and the tests keep it: a summary line, then one line per entry. */
export function reportLines(report: BpmnReport): string[] {
  const lines: string[] = [];
  const p = report.process;
  if (report.outcome === 'imported' && p && report.counts) {
    const c = report.counts;
    lines.push(
      `imported process ${p.id}${quoted(p.name)}: ${c.steps} steps, ${c.choices} choices, ${c.parallels} parallel gateways, ${c.ends} ends, ${c.flows} flows`,
    );
  } else {
    lines.push(`refused${p ? ` process ${p.id}${quoted(p.name)}` : ''}`);
  }
  for (const e of report.entries) {
    const where = [e.line !== null ? `line ${e.line}` : null, e.element, e.id].filter(Boolean).join(' ');
    lines.push(`  [${KIND_LABEL[e.kind]}] ${where ? `${where}${quoted(e.name)}: ` : ''}${e.message.zh} / ${e.message.en}`);
  }
  if (report.outcome === 'refused' && report.processes.length > 1) {
    lines.push('  processes in the file / 文件中的流程:');
    for (const x of report.processes) lines.push(`    ${x.id}${quoted(x.name)} (${x.flowNodes} flow nodes)`);
  }
  return lines;
}
