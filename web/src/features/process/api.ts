// The process API (两图: 流程图 and 风险防控图, src/modules/process/process.contract.ts): the process definition's
// shapes as the web app sees them, and one call per endpoint.
import { BASE, query, request, type ApiError } from '../../lib/api-client';

export type StepDuty = 'accept' | 'review' | 'decide' | 'deliver' | 'enforce' | 'supervise' | 'other';
export type PerformerRole = 'clerk' | 'section_chief' | 'leader' | 'head' | 'legal_reviewer' | 'inspector' | 'village_cadre';
export type RiskGrade = 1 | 2 | 3;

/** 廉政风险点 on a step. */
export interface RiskPoint {
  description: string;
  grade: RiskGrade;
  /** A risk category code (`discretion`, `bribery` …). */
  category: string;
  /** 防控措施. */
  measures: string;
  /** 责任岗位. */
  post: string | null;
}

export interface Performer {
  role: PerformerRole | null;
  unit: 'own' | 'parent' | 'named';
  /** The unit's code when `unit` is 'named'. */
  unitCode: string | null;
}

export interface StartNode {
  id: string;
  kind: 'start';
  name: string | null;
}
export interface StepNode {
  id: string;
  kind: 'step';
  name: string;
  duty: StepDuty | null;
  performer: Performer;
  /** Working days; null while not set. */
  limitDays: number | null;
  /** The art. 45 work (听证, 检测 …) that stops the clock, or null. */
  clockStop: string | null;
  risks: RiskPoint[];
}
export interface GatewayNode {
  id: string;
  kind: 'exclusive' | 'parallel';
  name: string | null;
}
export interface EndNode {
  id: string;
  kind: 'end';
  name: string;
}
export type ProcessNode = StartNode | StepNode | GatewayNode | EndNode;
export type NodeKind = ProcessNode['kind'];

export interface Flow {
  from: string;
  to: string;
  outcome: string | null;
}

/** An item's own duty-separation rule: within one case, the listed duties are done by pairwise different people. */
export interface SeparationRule {
  duties: StepDuty[];
  /** Why, on one line. */
  reason: string;
}

/** 权力运行流程, part of an item revision's content. */
export interface ProcessDefinition {
  nodes: ProcessNode[];
  flows: Flow[];
  /** The item's own duty-separation rules (shown, not edited here); absent when it has none. */
  separations?: SeparationRule[];
}

/** One problem of a process: errors refuse saving, warnings block publication. */
export interface ProcessProblem {
  code: string;
  severity: 'error' | 'warning';
  nodeId: string | null;
  message: { zh: string; en: string };
}

export interface Labelled {
  code: string;
  zh: string;
  en: string;
}

export interface ProcessTemplate extends Labelled {
  description: string;
  /** Power categories the template suits. */
  categories: string[];
  process: ProcessDefinition;
}

export interface ProcessVocabulary {
  duties: (Labelled & { alsoCalled: string[] })[];
  roles: Labelled[];
  riskGrades: { code: RiskGrade; zh: string; en: string; stars: string }[];
  riskCategories: Labelled[];
  clockStopReasons: string[];
  /** The law the clock-stop reasons come from (行政许可法 第四十五条). */
  clockStopSource: string;
  templates: ProcessTemplate[];
}

export interface CheckInput {
  process: ProcessDefinition;
  statutoryLimit: number | null;
  promisedLimit: number | null;
  name: string;
  basis: string[];
  supervisionPhone: string | null;
  unitCode: string;
  /** Draw the risk map (风险防控图) instead of the flowchart. */
  risk: boolean;
}

export interface CheckResult {
  problems: ProcessProblem[];
  /** The longest path on the clock; null while the shape has errors. */
  longest: { days: number; path: string[] } | null;
  /** The drawing as SVG text; null when the shape cannot be drawn. */
  svg: string | null;
}

export interface RiskRow {
  itemId: string;
  itemCode: string;
  itemName: string;
  unit: { code: string; name: string };
  revision: number;
  /** Whether this revision is the published one. */
  published: boolean;
  stepId: string;
  stepName: string;
  duty: string;
  description: string;
  grade: number;
  category: string;
  measures: string;
  post: string | null;
}

export interface RiskFilter {
  unit?: string;
  grade?: RiskGrade;
  category?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface RiskRegister {
  total: number;
  byGrade: Record<'1' | '2' | '3', number>;
  items: RiskRow[];
}

export interface PortalSettings {
  publishRiskMaps: boolean;
}

export type DrawingFormat = 'svg' | 'png';

export const processApi = {
  vocabulary(signal?: AbortSignal): Promise<ProcessVocabulary> {
    return request('GET', '/process/vocabulary', { signal });
  },
  /** The live check and drawing of a process being edited. */
  check(input: CheckInput, signal?: AbortSignal): Promise<CheckResult> {
    return request('POST', '/process/check', { body: input, signal });
  },
  /** The address of a saved revision's drawing (the latest when `revision` is left out). */
  drawingUrl(itemId: string, format: DrawingFormat, risk: boolean, revision?: number): string {
    return `${BASE}/powers/${encodeURIComponent(itemId)}/drawing?${query({ format, risk: String(risk), revision })}`;
  },
  risks(filter: RiskFilter, signal?: AbortSignal): Promise<RiskRegister> {
    return request('GET', `/risks?${query({ ...filter })}`, { signal });
  },
  /** The address of the register's export with the same filter; opened as a plain link. */
  risksExportUrl(format: 'xlsx' | 'csv', filter: Omit<RiskFilter, 'page' | 'pageSize'>): string {
    return `${BASE}/risks?${query({ ...filter, format })}`;
  },
  portalSettings(signal?: AbortSignal): Promise<PortalSettings> {
    return request('GET', '/portal/settings', { signal });
  },
  /** 403 unless the signed-in person is a county-level head or leader. */
  savePortalSettings(settings: PortalSettings): Promise<PortalSettings> {
    return request('PUT', '/portal/settings', { body: settings });
  },
};

// BPMN 2.0 exchange (src/modules/process/bpmn/bpmn-report.ts and the contract's BpmnReportSchema).

/**
 * What an import entry is about: `refused` stops the import; `unsupported` was left out or turned into something Sunlit
 * runs; `adapted` was changed to follow Sunlit's rules; `warning` must be filled in before the draft is published.
 */
export type BpmnReportKind = 'refused' | 'unsupported' | 'adapted' | 'warning';

export interface BpmnReportEntry {
  kind: BpmnReportKind;
  /** Dotted code, e.g. `bpmn.several_processes`. */
  code: string;
  /** The BPMN element's local name (messageFlow, timerEventDefinition …). */
  element: string | null;
  id: string | null;
  name: string | null;
  /** Line in the file. */
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
  entries: BpmnReportEntry[];
}

export interface BpmnImportResult {
  report: BpmnReport;
  process: ProcessDefinition;
  /** The draft revision made; null for a dry run. */
  revision: number | null;
  /** False when the file's process is the one already saved (no new revision). */
  changed: boolean;
}

export interface BpmnImportOptions {
  /** The process to import when the file holds several. */
  process?: string;
  /** The revision the page shows: the server answers 409 `conflict` when a newer one was saved meanwhile. */
  basedOn?: number;
  /** Only check the file and report. */
  dryRun?: boolean;
}

/** The report of a refused file (422 `bpmn.refused`), or undefined for any other error. */
export function refusedReport(error: ApiError): BpmnReport | undefined {
  if (error.code !== 'bpmn.refused') return undefined;
  const report = error.details.report as BpmnReport | undefined;
  return report && Array.isArray(report.entries) && Array.isArray(report.processes) ? report : undefined;
}

const bpmnPath = (itemId: string) => `/powers/${encodeURIComponent(itemId)}/bpmn`;

export const bpmnApi = {
  /**
   * A revision's process as a BPMN file, with the name the server gives it (`CODE-rN.bpmn`). Fetched rather than
   * linked so a failure shows as a message on the page instead of a broken download.
   */
  async exportFile(itemId: string, revision: number): Promise<{ blob: Blob; fileName: string }> {
    const path = `${bpmnPath(itemId)}?${query({ revision })}`;
    let response: Response | undefined;
    try {
      response = await fetch(BASE + path, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
    } catch {
      response = undefined;
    }
    // Any failure is asked once more through request(), which turns it into the ApiError (localized message,
    // session-lost handling) every other call gives.
    if (!response?.ok) return request('GET', path);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `process-r${revision}.bpmn`;
    return { blob: await response.blob(), fileName };
  },
  /** Checks (`dryRun`) or imports a BPMN file as a new draft revision of the item's process. */
  importFile(itemId: string, file: Blob, options: BpmnImportOptions): Promise<BpmnImportResult> {
    const q = query({ process: options.process, basedOn: options.basedOn, dryRun: options.dryRun ? 'true' : undefined });
    return request('POST', `${bpmnPath(itemId)}${q ? `?${q}` : ''}`, { file });
  },
};
