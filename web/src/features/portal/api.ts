// The portal's calls to the public power list (no session needed) and the synonym list its search uses (legal
// reviewers only). Shapes follow src/modules/portal/public-list.contract.ts.
import { BASE, request, query } from '../../lib/api-client';
import type { Label, PowerMaterial } from '../../lib/api-types';
import type { ProcessDefinition } from '../process/api';

/** One line of the public list: the published revision of an active item. */
export interface PublicPower {
  id: string;
  code: string;
  name: string;
  category: { code: string; label: Label };
  unit: { code: string; name: string };
  /** Working days; null when none is set. */
  statutoryLimit: number | null;
  promisedLimit: number | null;
  /** The published revision shown. */
  revision: number;
  /** ISO instant the revision was published. */
  publishedAt: string;
}

/** Every public field of an item's published revision. */
export interface PublicPowerDetail extends PublicPower {
  implementingBody: string | null;
  basis: string[];
  conditions: string | null;
  materials: PowerMaterial[];
  fees: string | null;
  serviceObject: string | null;
  supervisionPhone: string | null;
  responsibilities: { stage: string; text: string }[];
  accountability: { situation: string; basis: string | null }[];
  /** The published process; its risk points are empty unless the county publishes risk maps. */
  process: ProcessDefinition | null;
  /** Whether the county publishes risk maps (风险防控图) on the portal. */
  riskMapPublished: boolean;
}

export interface PublicSearch {
  q?: string;
  /** Unit code: the unit and every unit below it. */
  unit?: string;
  /** Category code, e.g. `licensing`. */
  category?: string;
  page: number;
  pageSize: number;
}

/** A unit with published items; `count` covers its subtree. In tree order. */
export interface PublicUnitCount {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
  count: number;
}

export interface PublicCategoryCount {
  code: string;
  label: Label;
  count: number;
}

/** One abbreviation of the county's list: a query word containing `term` also matches with each expansion. */
export interface SynonymEntry {
  term: string;
  expansions: string[];
  note: string | null;
}

export interface SynonymList {
  items: SynonymEntry[];
  /** ISO instant of the last change; null when the list was never saved. */
  updatedAt: string | null;
  updatedBy: string | null;
}

export const portalApi = {
  publicPowers(search: PublicSearch, signal?: AbortSignal): Promise<{ items: PublicPower[]; total: number }> {
    return request('GET', `/public/powers?${query({ ...search })}`, { signal });
  },
  /** 404 `not_found` when the item is unknown, not published or no longer in force. */
  publicPower(code: string, signal?: AbortSignal): Promise<PublicPowerDetail> {
    return request('GET', `/public/powers/${encodeURIComponent(code)}`, { signal });
  },
  publicPowerUnits(signal?: AbortSignal): Promise<{ items: PublicUnitCount[] }> {
    return request('GET', '/public/power-units', { signal });
  },
  publicPowerCategories(signal?: AbortSignal): Promise<{ items: PublicCategoryCount[] }> {
    return request('GET', '/public/power-categories', { signal });
  },
  synonyms(signal?: AbortSignal): Promise<SynonymList> {
    return request('GET', '/search/synonyms', { signal });
  },
  /** Replaces the whole list; 400 `validation` names each bad entry in `details.fields` (`items.3.term`). */
  saveSynonyms(items: SynonymEntry[]): Promise<SynonymList> {
    return request('PUT', '/search/synonyms', { body: { items } });
  },
};

/** The address of a published item's drawing: the flowchart, or the risk map (404 unless the county publishes them). */
export function publicDrawingUrl(code: string, format: 'svg' | 'png', risk = false): string {
  return `${BASE}/public/powers/${encodeURIComponent(code)}/drawing?${query({ format, risk: risk ? 'true' : undefined })}`;
}
