import { DomainError } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/jcs.ts';
import { processLines, type ProcessDefinition } from '../process/process.rules.ts';

/** One material an applicant hands in (申请材料). */
export interface Material {
  name: string;
  /** 原件 original, 复印件 copy, or either; null when the list does not say. */
  form: 'original' | 'copy' | 'either' | null;
  copies: number | null;
  required: boolean;
}

/** A responsibility at one stage of the power (受理、审查… or as a county wrote it). */
export interface Responsibility {
  stage: string;
  text: string;
}

/** A situation that leads to accountability (追责情形), with its basis when given. */
export interface Accountability {
  situation: string;
  basis: string | null;
}

/**
 * What one revision of a power item says: the power list and the responsibility list (两单), and the process with
 * its risk points (两图), so that all four are reviewed and published together.
 */
export interface PowerContent {
  name: string;
  /** Category code (categories.data.ts). */
  category: string;
  /** 实施主体 as written when it names no known unit; the item's unit is its organisational home. */
  implementingBody: string | null;
  /** Citations: law or regulation and article, e.g. 《中华人民共和国行政许可法》第二十九条. */
  basis: string[];
  conditions: string | null;
  materials: Material[];
  /** Working days. */
  statutoryLimit: number | null;
  promisedLimit: number | null;
  /** Basis and standard of fees, or null for none. */
  fees: string | null;
  serviceObject: string | null;
  supervisionPhone: string | null;
  responsibilities: Responsibility[];
  accountability: Accountability[];
  /** 权力运行流程 with its 廉政风险点; absent on revisions saved before processes existed, and until one is drawn. */
  process?: ProcessDefinition | null;
}

/** The standard stages; a county's own (审批, 备案 …) are kept as written. */
export const STANDARD_STAGES = ['受理', '审查', '决定', '送达', '事后监管', '其他'] as const;
export const PENALTY_STAGES = ['立案', '调查', '审理', '告知', '决定', '送达', '执行'] as const;

/** Field labels for messages and diffs, in the order a reviewer reads an item. */
export const CONTENT_FIELDS: { key: keyof PowerContent; zh: string; en: string }[] = [
  { key: 'name', zh: '职权名称', en: 'Name' },
  { key: 'category', zh: '职权类别', en: 'Category' },
  { key: 'implementingBody', zh: '实施主体', en: 'Implementing body' },
  { key: 'basis', zh: '实施依据', en: 'Legal basis' },
  { key: 'conditions', zh: '申请条件', en: 'Conditions' },
  { key: 'materials', zh: '申请材料', en: 'Materials' },
  { key: 'statutoryLimit', zh: '法定时限（工作日）', en: 'Statutory limit (working days)' },
  { key: 'promisedLimit', zh: '承诺时限（工作日）', en: 'Promised limit (working days)' },
  { key: 'fees', zh: '收费依据和标准', en: 'Fees' },
  { key: 'serviceObject', zh: '服务对象', en: 'Service object' },
  { key: 'supervisionPhone', zh: '监督电话', en: 'Supervision phone' },
  { key: 'responsibilities', zh: '责任事项', en: 'Responsibilities' },
  { key: 'accountability', zh: '追责情形', en: 'Accountability' },
  { key: 'process', zh: '运行流程与风险点', en: 'Process and risk points' },
];

/** Problems of a content, by field (Chinese reasons); empty when it may be saved. */
export function contentProblems(c: PowerContent, categories: readonly { code: string; zh: string }[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!c.name.trim()) problems.name = '缺少职权名称';
  if (!categories.some((k) => k.code === c.category)) problems.category = `未知类别，允许：${categories.map((k) => k.zh).join('、')}`;
  if (c.basis.filter((b) => b.trim()).length === 0) problems.basis = '缺少实施依据';
  for (const key of ['statutoryLimit', 'promisedLimit'] as const) {
    const v = c[key];
    if (v !== null && (!Number.isInteger(v) || v < 0)) problems[key] = '时限须为非负整数（工作日）';
  }
  if (c.statutoryLimit !== null && c.promisedLimit !== null && !problems.statutoryLimit && !problems.promisedLimit && c.promisedLimit > c.statutoryLimit) {
    problems.promisedLimit = '承诺时限大于法定时限';
  }
  return problems;
}

/** The content for comparison: no process reads as no `process` key, as in revisions saved before processes existed. */
export function normalContent(c: PowerContent): PowerContent {
  if (c.process) return c;
  const { process: _none, ...rest } = c;
  return rest;
}

/** Two contents are the same item text (re-importing an unchanged row makes no revision). */
export const sameContent = (a: PowerContent, b: PowerContent): boolean => canonicalJson(normalContent(a)) === canonicalJson(normalContent(b));

/** One changed field between two revisions, rendered so a reviewer can read it. */
export interface FieldChange {
  field: keyof PowerContent;
  label: { zh: string; en: string };
  before: string[];
  after: string[];
  /** For list fields: the lines only in `before`, and only in `after`. */
  removed: string[];
  added: string[];
}

function lines(c: PowerContent, key: keyof PowerContent): string[] {
  const v = c[key];
  if (v === null || v === undefined) return [];
  if (key === 'process') return processLines(v as ProcessDefinition);
  if (Array.isArray(v)) {
    return v.map((x) => {
      if (typeof x === 'string') return x;
      if ('stage' in x) return `${x.stage}：${x.text}`;
      if ('situation' in x) return x.basis ? `${x.situation}（依据：${x.basis}）` : x.situation;
      const m = x as Material;
      const form = m.form === 'original' ? '原件' : m.form === 'copy' ? '复印件' : m.form === 'either' ? '原件或复印件' : '';
      return [m.name, form, m.copies !== null ? `${m.copies}份` : '', m.required ? '' : '（非必需）'].filter(Boolean).join(' ');
    });
  }
  return [String(v)];
}

/** Field-by-field differences from `a` to `b`, in reading order. */
export function diffContents(a: PowerContent, b: PowerContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of CONTENT_FIELDS) {
    const before = lines(a, f.key);
    const after = lines(b, f.key);
    if (canonicalJson(before) === canonicalJson(after)) continue;
    changes.push({
      field: f.key,
      label: { zh: f.zh, en: f.en },
      before,
      after,
      removed: before.filter((l) => !after.includes(l)),
      added: after.filter((l) => !before.includes(l)),
    });
  }
  return changes;
}

/** How an item leaves the list: never deleted, it is 取消 abolished, 下放 devolved or 划转 transferred to another unit. */
export const ITEM_ENDINGS = ['abolished', 'devolved', 'transferred'] as const;
export type ItemEnding = (typeof ITEM_ENDINGS)[number];
export type ItemStatus = 'active' | ItemEnding;

const FORM_ZH = { original: '原件', copy: '复印件', either: '原件或复印件' } as const;

/** A material as one line of a sheet cell: `名称（原件，2份）`, with `（非必需）` when optional. */
export function materialText(m: Material): string {
  const detail = [m.form ? FORM_ZH[m.form] : null, m.copies !== null ? `${m.copies}份` : null].filter(Boolean).join('，');
  return `${m.name}${detail ? `（${detail}）` : ''}${m.required ? '' : '（非必需）'}`;
}

/** Reads a material line back; anything it does not recognise stays in the name. */
export function materialFromText(line: string): Material {
  let rest = line.trim();
  let required = true;
  if (/[（(]非必需[）)]$/.test(rest)) {
    required = false;
    rest = rest.replace(/[（(]非必需[）)]$/, '').trim();
  }
  const m = /[（(](原件或复印件|原件|复印件)?[，,]?\s*(?:(\d+)\s*份)?[）)]$/.exec(rest);
  if (m && (m[1] || m[2])) {
    const form = m[1] === '原件' ? 'original' : m[1] === '复印件' ? 'copy' : m[1] === '原件或复印件' ? 'either' : null;
    return { name: rest.slice(0, m.index).trim(), form, copies: m[2] ? Number(m[2]) : null, required };
  }
  return { name: rest, form: null, copies: null, required };
}

/** An accountability situation as one line: `情形（依据：…）`. */
export const accountabilityText = (a: Accountability): string => (a.basis ? `${a.situation}（依据：${a.basis}）` : a.situation);

export function accountabilityFromText(line: string): Accountability {
  const m = /^(.*?)[（(]依据[:：]\s*(.+)[）)]$/.exec(line.trim());
  return m ? { situation: m[1]!.trim(), basis: m[2]!.trim() } : { situation: line.trim(), basis: null };
}

/**
 * An edit may become the next revision only of an active item, and only when made on its latest revision: if someone
 * saved another meanwhile, the edit is refused rather than silently overwriting theirs.
 */
export function assertRevisable(item: { status: ItemStatus; latestRevision: number }, basedOn: number): void {
  if (item.status !== 'active')
    throw new DomainError('conflict', { zh: '该事项已取消、下放或划转，不能再修改', en: 'The item has ended and can no longer be edited' });
  if (basedOn !== item.latestRevision) {
    throw new DomainError(
      'conflict',
      {
        zh: `该事项已有更新的第 ${item.latestRevision} 版，请在其基础上修改`,
        en: `The item already has a newer revision ${item.latestRevision}: edit that one`,
      },
      { latestRevision: item.latestRevision },
    );
  }
}
