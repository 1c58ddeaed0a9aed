// The process API (两图: 流程图 and 风险防控图, src/modules/process/process.contract.ts): the process definition's
// shapes as the web app sees them, and one call per endpoint.
import { BASE, query, request } from '../../lib/api-client';

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

/** 权力运行流程, part of an item revision's content. */
export interface ProcessDefinition {
  nodes: ProcessNode[];
  flows: Flow[];
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
