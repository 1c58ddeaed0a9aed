// The approval-reform ledger API (src/modules/reform/reform.contract.ts): its shapes and one call per endpoint.
import { BASE, query, request } from '../../lib/api-client';

export interface ReformCounts {
  items: number;
  fewerSteps: number;
  fewerMaterials: number;
  shorterLimit: number;
  streamlined: number;
}

export interface ReformFigures {
  steps: number;
  materials: number;
  /** Working days; null when the item states no limit. */
  timeLimit: number | null;
}

export interface ReformItem {
  itemId: string;
  code: string;
  name: string;
  unit: { code: string; name: string };
  baseline: ReformFigures & { source: 'snapshot' | 'manual' | (string & {}) };
  /** The published revision's figures; null while the item has none published. */
  current: (ReformFigures & { revision: number }) | null;
  fewerSteps: boolean;
  fewerMaterials: boolean;
  shorterLimit: boolean;
}

export interface ReformLedger {
  /** Civil date the reform started; null before it starts. */
  startedOn: string | null;
  totals: ReformCounts;
  units: (ReformCounts & { unit: { code: string; name: string } })[];
  items: ReformItem[];
}

export interface ReformStarted {
  startedOn: string;
  fromPublished: number;
  fromLatest: number;
  kept: number;
}

export type ReformExportFormat = 'xlsx' | 'csv';

/** Finished cases on one side of the reform date and their median working days from acceptance to completion. */
export interface EfficiencySide {
  cases: number;
  /** Working days; null without finished cases. */
  medianDays: number | null;
}

/** Measured handling time before and after the reform date (src/modules/cases/case.contract.ts EfficiencySchema). */
export interface Efficiency {
  reformOn: string;
  rows: {
    itemCode: string;
    itemName: string;
    unit: { code: string; name: string };
    before: EfficiencySide;
    after: EfficiencySide;
    /** (before − after) / before, e.g. 0.3 for 30% faster; null without cases on both sides. */
    improvement: number | null;
  }[];
  units: { unit: { code: string; name: string }; before: EfficiencySide; after: EfficiencySide; improvement: number | null }[];
}

export const reformApi = {
  ledger(unit: string | undefined, signal?: AbortSignal): Promise<ReformLedger> {
    return request('GET', `/reform?${query({ unit })}`, { signal });
  },
  /** Once per county (409 after). */
  start(startedOn?: string): Promise<ReformStarted> {
    return request('POST', '/reform/start', { body: startedOn ? { startedOn } : {} });
  },
  recordBaseline(itemId: string, figures: ReformFigures): Promise<ReformItem> {
    return request('PUT', `/reform/baselines/${encodeURIComponent(itemId)}`, { body: figures });
  },
  /** Median working days from acceptance to completion per item and unit, before and after `reformOn` (YYYY-MM-DD). */
  efficiency(reformOn: string, unit: string | undefined, signal?: AbortSignal): Promise<Efficiency> {
    return request('GET', `/cases/efficiency?${query({ reformOn, unit })}`, { signal });
  },
  /** The address of the export; opened as a plain link so the browser downloads it with the session cookie. */
  exportUrl(format: ReformExportFormat, unit: string | undefined): string {
    return `${BASE}/reform/export?${query({ format, unit })}`;
  },
};
