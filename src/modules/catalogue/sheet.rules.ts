/**
 * Reading a county's power list (权力清单和责任清单) from the rows of a spreadsheet. Pure: the rows come in as text
 * (sheet.reader.ts does the file reading), items and a problem report come out. Nothing throws: every bad row is
 * reported, so a county fixes its sheet in one pass (the import is all-or-nothing).
 */

/** What a sheet column holds, whatever the county called it. */
export type PowerColumn =
  | 'code'
  | 'name'
  | 'category'
  | 'basis'
  | 'unit'
  | 'statutoryLimit'
  | 'promisedLimit'
  | 'fees'
  | 'conditions'
  | 'materials'
  | 'serviceObject'
  | 'supervisionPhone'
  | 'responsibilities'
  | 'accountability';

export interface SheetHeader {
  /** Index into the rows (0-based); the spreadsheet shows it as row `rowIndex + 1`. */
  rowIndex: number;
  /** For each recognised column, the sheet columns (0-based, left to right) that carry it. */
  columns: Partial<Record<PowerColumn, number[]>>;
  /** The header texts as written in the sheet, by sheet column. */
  labels: string[];
}

/** One bad cell or row, as the county will look for it in its sheet. */
export interface SheetProblem {
  /** The row number the spreadsheet shows (1-based, header and title rows counted); 0 for the sheet as a whole. */
  row: number;
  /** The header text as in the sheet, or '' when the problem is the whole row. */
  column: string;
  value: string;
  /** Short, in Chinese. */
  reason: string;
}

export interface Responsibility {
  stage: string;
  text: string;
}

export interface ParsedPowerItem {
  /** The row where the item starts. */
  row: number;
  code: string;
  name: string;
  /** The category's code. */
  category: string;
  unitText: string | null;
  /** Citations, e.g. 《中华人民共和国建筑法》第七条. */
  basis: string[];
  statutoryLimit: number | null;
  promisedLimit: number | null;
  fees: string | null;
  conditions: string | null;
  materials: string | null;
  serviceObject: string | null;
  supervisionPhone: string | null;
  responsibilities: Responsibility[];
  accountability: string[];
}

export interface ParsedPowerSheet {
  /** The items that passed every check; the file may be imported only when `problems` is empty. */
  items: ParsedPowerItem[];
  problems: SheetProblem[];
}

export interface CategoryChoice {
  code: string;
  zh: string;
}

/** Stages of the responsibility list for most items. */
export const RESPONSIBILITY_STAGES = ['受理', '审查', '决定', '送达', '事后监管', '其他'] as const;
/** Stages of the responsibility list for a penalty. */
export const PENALTY_STAGES = ['立案', '调查', '审理', '告知', '决定', '送达', '执行'] as const;
/** The stage of a responsibility written without a label. */
export const UNLABELLED_STAGE = '其他';

const HEADER_SCAN_ROWS = 15;

// ── Header ──────────────────────────────────────────────────────────────────────────────────────────────────────

const has = (h: string, ...words: string[]): boolean => words.some((w) => h.includes(w));

/** Order matters: 收费依据 is the fee column, not the basis; 责任事项 is not the name; 责任主体 is the unit. */
const COLUMN_RULES: [PowerColumn, (h: string) => boolean][] = [
  ['fees', (h) => has(h, '收费')],
  ['statutoryLimit', (h) => has(h, '法定') && has(h, '时限', '期限')],
  ['promisedLimit', (h) => has(h, '承诺') && has(h, '时限', '期限')],
  ['responsibilities', (h) => has(h, '责任事项')],
  ['accountability', (h) => has(h, '追责', '问责', '责任追究')],
  ['supervisionPhone', (h) => has(h, '监督电话', '投诉电话')],
  ['conditions', (h) => has(h, '申请条件', '受理条件')],
  ['materials', (h) => has(h, '申请材料', '申报材料')],
  ['serviceObject', (h) => has(h, '服务对象')],
  ['unit', (h) => has(h, '承办机构', '承办单位', '实施主体', '责任主体', '实施机关', '实施机构')],
  ['basis', (h) => has(h, '依据')],
  ['code', (h) => has(h, '编码', '代码', '职权编号', '权力编号', '事项编号')],
  ['category', (h) => has(h, '类别', '类型')],
  ['name', (h) => h.endsWith('名称') && has(h, '职权', '权力', '事项')],
];

/** A header text without spaces, bracketed remarks like （工作日） or (天), and required-field marks. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[（(【[［][^）)】\]］]*[）)】\]］]/g, '')
    .replace(/[\s\u3000*＊※:：]/g, '')
    .replace(/[（）()【】[\]［］]/g, '');
}

/** The power column a header text names, or null for columns the import ignores (序号, 备注 …). */
export function columnOf(headerText: string): PowerColumn | null {
  const h = normaliseHeader(headerText);
  if (h === '') return null;
  return COLUMN_RULES.find(([, matches]) => matches(h))?.[0] ?? null;
}

const cellText = (row: readonly string[], i: number): string => (row[i] ?? '').replace(/\r\n?/g, '\n').trim();

function headerAt(row: readonly string[], rowIndex: number): SheetHeader {
  const columns: Partial<Record<PowerColumn, number[]>> = {};
  const labels = row.map((_, i) => cellText(row, i));
  labels.forEach((label, i) => {
    const column = columnOf(label);
    if (column) (columns[column] ??= []).push(i);
  });
  return { rowIndex, columns, labels };
}

/**
 * The header row below any title rows: among the first rows, the one where the most distinct power columns are
 * recognised, with at least the name and one more. Null when there is none.
 */
export function findHeader(rows: readonly (readonly string[])[]): SheetHeader | null {
  let best: SheetHeader | null = null;
  let bestCount = 1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const candidate = headerAt(rows[i]!, i);
    const count = Object.keys(candidate.columns).length;
    if (candidate.columns.name && count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

const labelOf = (header: SheetHeader, column: PowerColumn): string => header.labels[header.columns[column]?.[0] ?? -1] ?? '';

// ── Cell values ─────────────────────────────────────────────────────────────────────────────────────────────────

const FULL_WIDTH_DIGIT = /[０-９]/g;
const toHalfWidth = (s: string): string => s.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
const IMMEDIATE = new Set(['即办', '即办件', '即时办结', '当场办结', '当即办结']);
const NO_LIMIT = new Set(['无', '/', '／']);

export type WorkingDays = { ok: true; days: number | null } | { ok: false };

/**
 * A time limit in working days: '20', '20个工作日', '20日', '２０' → 20; '即办' → 0; empty, '无' or '/' → null.
 * Anything else (negative, fractional, words) is not a limit.
 */
export function parseWorkingDays(text: string): WorkingDays {
  const t = toHalfWidth(text).replace(/[\s\u3000]/g, '');
  if (t === '' || NO_LIMIT.has(t)) return { ok: true, days: null };
  if (IMMEDIATE.has(t)) return { ok: true, days: 0 };
  const m = /^(\d+)(?:个)?(?:工作日|日|天)?$/.exec(t);
  return m ? { ok: true, days: Number(m[1]) } : { ok: false };
}

const ENUMERATOR = /^(?:[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,3}[.、．]|[一二三四五六七八九十]{1,3}、)\s*/;

/** Splits at newlines, and at ；/; outside brackets (a note like （依据：《A》第一条；《B》第二条） stays whole). */
function splitParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of text) {
    if ('（(《【['.includes(ch)) depth++;
    else if ('）)》】]'.includes(ch)) depth = Math.max(0, depth - 1);
    if (ch === '\n' || (depth === 0 && (ch === '；' || ch === ';'))) {
      parts.push(part);
      part = '';
      depth = 0;
    } else part += ch;
  }
  return [...parts, part];
}

/** Lines or ；-separated parts of a cell, trimmed, without leading numbering such as 1. or （2）. */
function listItems(text: string): string[] {
  return splitParts(text)
    .map((s) => s.trim().replace(ENUMERATOR, '').trim())
    .filter((s) => s !== '');
}

/** Legal basis citations of a cell, one per line or ；-separated part. */
export const splitCitations = (text: string): string[] => listItems(text);

/** Accountability situations (追责情形) of a cell, one per line or ；-separated part. */
export const splitSituations = (text: string): string[] => listItems(text);

const STAGE_LABEL =
  /^(?:[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[0-9０-９一二三四五六七八九十]{1,3}[.、．])?\s*([\u4e00-\u9fff]{1,6}?)(?:环节|阶段)?(?:责任)?\s*[：:]\s*/;
/** A numbered label starting a new stage in the middle of a line: "。2.审查责任：". */
const INLINE_STAGE = /([。；;])\s*(?=(?:[（(][0-9０-９]{1,2}[）)]|[0-9０-９]{1,2}[.、．])\s*[\u4e00-\u9fff]{1,6}责任[：:])/g;

/**
 * The responsibilities written in one cell, by stage. A leading label (受理责任：, 受理：, 1.受理责任：) gives the stage;
 * a stage a county names otherwise (审批, 解除, 备案 …) is kept as written; an unlabelled text is stage 其他.
 * Lines without a label continue the responsibility above them (the newline is kept).
 */
export function splitResponsibilities(cell: string): Responsibility[] {
  const out: Responsibility[] = [];
  for (const line of cell.replace(INLINE_STAGE, '$1\n').split('\n')) {
    const label = STAGE_LABEL.exec(line.trim());
    const last = out[out.length - 1];
    if (label) out.push({ stage: label[1]!, text: line.trim().slice(label[0].length) });
    else if (last) last.text += `\n${line}`;
    else out.push({ stage: UNLABELLED_STAGE, text: line });
  }
  return out.map((r) => ({ stage: r.stage, text: r.text.trim() })).filter((r) => r.text !== '');
}

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────────────────────

type RowFields = Record<PowerColumn, string>;

const ALL_COLUMNS = COLUMN_RULES.map(([c]) => c);
/** Fields that must agree between the rows of one item (its responsibilities and accountability may differ). */
const ITEM_FIELDS: PowerColumn[] = ALL_COLUMNS.filter((c) => c !== 'code' && c !== 'responsibilities' && c !== 'accountability');

function fieldsOf(row: readonly string[], header: SheetHeader): RowFields {
  const fields = {} as RowFields;
  for (const column of ALL_COLUMNS) {
    const texts = (header.columns[column] ?? []).map((i) => cellText(row, i)).filter((t) => t !== '');
    fields[column] = [...new Set(texts)].join('\n');
  }
  return fields;
}

const isBlank = (f: RowFields): boolean => ALL_COLUMNS.every((c) => f[c] === '');
const onlyResponsibilities = (f: RowFields): boolean => ITEM_FIELDS.every((c) => f[c] === '');
/** The first field the row states differently from the item above (a blank cell restates nothing). */
const firstConflict = (item: RowFields, f: RowFields): PowerColumn | undefined => ITEM_FIELDS.find((c) => f[c] !== '' && f[c] !== item[c]);

/** A note or section title merged across the row (一、行政许可 / 注：…), not an item. */
function isBanner(row: readonly string[]): boolean {
  const texts = row.map((_, i) => cellText(row, i)).filter((t) => t !== '');
  return texts.length >= 3 && texts.every((t) => t === texts[0]);
}

/** The item being read: the fields of its first row; `item` is null when the item was refused. */
interface ItemBlock {
  fields: RowFields;
  item: ParsedPowerItem | null;
}

interface SheetContext {
  header: SheetHeader;
  categories: readonly CategoryChoice[];
  problems: SheetProblem[];
}

function problem(ctx: SheetContext, row: number, column: PowerColumn | null, value: string, reason: string): void {
  ctx.problems.push({ row, column: column ? labelOf(ctx.header, column) : '', value, reason });
}

const allowedCategories = (categories: readonly CategoryChoice[]): string => `允许：${categories.map((c) => c.zh).join('、')}`;

function categoryCode(text: string, categories: readonly CategoryChoice[]): string | undefined {
  const t = text.replace(/[\s\u3000]/g, '');
  return categories.find((c) => c.zh === t || c.code === t)?.code;
}

function checkRequired(ctx: SheetContext, row: number, f: RowFields): void {
  const { columns } = ctx.header;
  if (columns.code && f.code === '') problem(ctx, row, 'code', '', '缺少职权编码');
  if (f.name === '') problem(ctx, row, 'name', '', '缺少职权名称');
  if (columns.basis && f.basis === '') problem(ctx, row, 'basis', '', '缺少依据');
  if (columns.category && categoryCode(f.category, ctx.categories) === undefined) {
    const reason = f.category === '' ? '缺少职权类别' : '未知类别';
    problem(ctx, row, 'category', f.category, `${reason}，${allowedCategories(ctx.categories)}`);
  }
}

function readLimit(ctx: SheetContext, row: number, f: RowFields, column: 'statutoryLimit' | 'promisedLimit'): number | null {
  const parsed = parseWorkingDays(f[column]);
  if (parsed.ok) return parsed.days;
  problem(ctx, row, column, f[column], '时限不是整数工作日');
  return null;
}

/** The item written on its first row, or null with its problems reported. */
function itemOf(ctx: SheetContext, row: number, f: RowFields): ParsedPowerItem | null {
  const before = ctx.problems.length;
  checkRequired(ctx, row, f);
  const statutoryLimit = readLimit(ctx, row, f, 'statutoryLimit');
  const promisedLimit = readLimit(ctx, row, f, 'promisedLimit');
  if (statutoryLimit !== null && promisedLimit !== null && promisedLimit > statutoryLimit) {
    problem(ctx, row, 'promisedLimit', f.promisedLimit, '承诺时限大于法定时限');
  }
  if (ctx.problems.length > before) return null;
  const orNull = (s: string): string | null => (s === '' ? null : s);
  const item: ParsedPowerItem = {
    row,
    code: f.code,
    name: f.name,
    category: categoryCode(f.category, ctx.categories) ?? '',
    unitText: orNull(f.unit),
    basis: splitCitations(f.basis),
    statutoryLimit,
    promisedLimit,
    fees: orNull(f.fees),
    conditions: orNull(f.conditions),
    materials: orNull(f.materials),
    serviceObject: orNull(f.serviceObject),
    supervisionPhone: orNull(f.supervisionPhone),
    responsibilities: [],
    accountability: [],
  };
  addResponsibilities(item, f);
  return item;
}

/** Adds a row's responsibilities and accountability situations to its item, each once. */
function addResponsibilities(item: ParsedPowerItem, f: RowFields): void {
  for (const r of splitResponsibilities(f.responsibilities)) {
    if (!item.responsibilities.some((x) => x.stage === r.stage && x.text === r.text)) item.responsibilities.push(r);
  }
  for (const s of splitSituations(f.accountability)) {
    if (!item.accountability.includes(s)) item.accountability.push(s);
  }
}

/**
 * Does this row carry on the item above it? Its code is the item's or blank, and every other field is the item's
 * (merged cells, a repeated row) or blank (only the responsibilities written).
 */
function continuesBlock(block: ItemBlock, f: RowFields): boolean {
  return (f.code === '' || f.code === block.fields.code) && firstConflict(block.fields, f) === undefined;
}

function missingColumns(ctx: SheetContext): void {
  const row = ctx.header.rowIndex + 1;
  const required: [PowerColumn, string][] = [
    ['code', '职权编码'],
    ['category', '职权类别'],
    ['basis', '依据'],
  ];
  for (const [column, zh] of required) {
    if (!ctx.header.columns[column]) problem(ctx, row, null, '', `表头缺少“${zh}”列`);
  }
}

/**
 * Items and problems of a power-list sheet. Rows of one item (vertically merged cells, or consecutive rows repeating
 * the code with the same fields or leaving them blank) are read as one item; a code seen before, or repeated with a
 * different value in a field, is a duplicate; blank rows and merged banner rows are skipped.
 */
export function parsePowerRows(rows: readonly (readonly string[])[], options: { categories: readonly CategoryChoice[] }): ParsedPowerSheet {
  const header = findHeader(rows);
  if (!header) {
    const reason = '找不到表头：前 15 行中没有同时含“职权名称”和其他已知列（编码、类别、依据…）的行';
    return { items: [], problems: [{ row: 0, column: '', value: '', reason }] };
  }
  const ctx: SheetContext = { header, categories: options.categories, problems: [] };
  missingColumns(ctx);
  const items: ParsedPowerItem[] = [];
  const firstRowOfCode = new Map<string, number>();
  let block: ItemBlock | null = null;

  for (let i = header.rowIndex + 1; i < rows.length; i++) {
    const row = i + 1;
    const f = fieldsOf(rows[i]!, header);
    if (isBlank(f) || isBanner(rows[i]!)) continue;
    if (block && continuesBlock(block, f)) {
      if (block.item) addResponsibilities(block.item, f);
      continue;
    }
    if (onlyResponsibilities(f) && f.code === '') {
      problem(ctx, row, null, '', '只有责任事项或追责情形，上方没有所属职权');
      continue;
    }
    const first = f.code === '' ? undefined : firstRowOfCode.get(f.code);
    if (first !== undefined) {
      const differs = block?.fields.code === f.code ? firstConflict(block.fields, f) : undefined;
      const detail = differs ? `：${labelOf(header, differs)}不一致` : '';
      problem(ctx, row, 'code', f.code, `编码重复（首次出现在第 ${first} 行）${detail}`);
      block = { fields: f, item: null };
      continue;
    }
    if (f.code !== '') firstRowOfCode.set(f.code, row);
    block = { fields: f, item: itemOf(ctx, row, f) };
    if (block.item) items.push(block.item);
  }
  return { items, problems: ctx.problems.sort((a, b) => a.row - b.row) };
}
