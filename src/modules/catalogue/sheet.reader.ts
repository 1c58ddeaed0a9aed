/**
 * Reads a power-list spreadsheet (.xlsx or .csv) into rows of display text, the shape sheet.rules.ts parses.
 * Row i of the result is the row the spreadsheet shows as i + 1 (blank rows included), so problem reports can name
 * the row a county sees.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';

export type SheetKind = 'xlsx' | 'csv';

/** A file that cannot be read as a power-list sheet (wrong type, damaged, not UTF-8 …). */
export class SheetReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SheetReadError';
  }
}

/** The kind of sheet a file name says it is; other extensions are refused. */
export function sheetKindOf(path: string): SheetKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw new SheetReadError(`不支持的文件类型“${ext || '无扩展名'}”：只能导入 .xlsx 或 .csv (unsupported file type ${ext || '(none)'}: use .xlsx or .csv)`);
}

/** The rows of an .xlsx (first worksheet) or .csv file, every cell as display text. */
export async function readSheetFile(path: string): Promise<string[][]> {
  const kind = sheetKindOf(path);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new SheetReadError(`无法读取文件 ${path}：${(e as Error).message} (cannot read file)`, { cause: e });
  }
  return readSheetBuffer(buf, kind);
}

/** The rows of an uploaded sheet whose kind is already known. */
export async function readSheetBuffer(buf: Buffer, kind: SheetKind): Promise<string[][]> {
  if (kind === 'csv') return parseCsv(decodeUtf8(buf));
  if (kind === 'xlsx') return readXlsx(buf);
  throw new SheetReadError(`不支持的文件类型“${String(kind)}”：只能导入 .xlsx 或 .csv (unsupported sheet kind)`);
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** UTF-8 text without its byte-order mark; anything else (GBK from an older Excel) is refused with advice. */
function decodeUtf8(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch (e) {
    throw new SheetReadError('CSV 文件不是 UTF-8 编码（可能是 GBK）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）” (CSV is not UTF-8)', { cause: e });
  }
}

/**
 * RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, newlines and doubled quotes; records end
 * with CRLF or LF. Newlines inside cells become LF. A blank line is a row with one empty cell.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStartRow = 0;
  let i = 0;
  const endCell = () => {
    row.push(cell.replace(/\r\n?/g, '\n'));
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteStartRow = rows.length + 1;
    } else if (ch === ',') endCell();
    else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new SheetReadError(`CSV 第 ${quoteStartRow} 行：引号未闭合 (unterminated quoted field in row ${quoteStartRow})`);
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

// ── XLSX ────────────────────────────────────────────────────────────────────────────────────────────────────────

const isZip = (buf: Buffer): boolean => buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b;
const isOldExcel = (buf: Buffer): boolean => buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0;

async function readXlsx(buf: Buffer): Promise<string[][]> {
  if (!isZip(buf)) {
    const hint = isOldExcel(buf) ? '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx' : '文件不是有效的 .xlsx';
    throw new SheetReadError(`无法读取 Excel 文件：${hint} (not an .xlsx file)`);
  }
  const { workbook, mergesOf } = workbookSettingMergesAside();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new SheetReadError(`无法读取 Excel 文件：${(e as Error).message} (damaged .xlsx)`, { cause: e });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetReadError('Excel 文件中没有工作表 (the workbook has no worksheet)');
  return fillMerges(worksheetRows(sheet), mergesOf(sheet));
}

interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface SheetModel {
  id?: number;
  mergeCells?: string[];
}

/**
 * A workbook that loads without applying merged ranges and hands them back instead. exceljs checks each merge it
 * applies against every earlier one, so a county list with merged cells for thousands of items (tens of thousands
 * of ranges) takes minutes to load; filling the merges ourselves is linear.
 */
function workbookSettingMergesAside(): { workbook: ExcelJS.Workbook; mergesOf: (sheet: ExcelJS.Worksheet) => CellRange[] } {
  const workbook = new ExcelJS.Workbook();
  const merges = new Map<number | undefined, string[]>();
  const setModel = Object.getOwnPropertyDescriptor(ExcelJS.Workbook.prototype, 'model')?.set;
  if (setModel) {
    Object.defineProperty(workbook, 'model', {
      configurable: true,
      set(value: { worksheets?: SheetModel[] }) {
        for (const ws of value.worksheets ?? []) {
          merges.set(ws.id, ws.mergeCells ?? []);
          ws.mergeCells = [];
        }
        setModel.call(workbook, value);
      },
    });
  }
  const mergesOf = (sheet: ExcelJS.Worksheet) => (merges.get(sheet.id) ?? []).map(rangeOf).filter((r): r is CellRange => r !== null);
  return { workbook, mergesOf };
}

const columnNumber = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** 'A3:L6' → rows 3–6, columns 1–12 (1-based); a single address is a range of one cell. */
function rangeOf(ref: string): CellRange | null {
  const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const [left, top] = [columnNumber(m[1]!), Number(m[2])];
  const [right, bottom] = [m[3] ? columnNumber(m[3]) : left, m[4] ? Number(m[4]) : top];
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/**
 * Every cell of a merged range shows its top-left (master) cell's text, so vertical merges repeat. Ranges are clipped
 * to the rows and columns that hold values: a merge reaching far below the list adds nothing to read.
 */
function fillMerges(rows: string[][], ranges: CellRange[]): string[][] {
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  for (const range of ranges) {
    const master = rows[range.top - 1]?.[range.left - 1] ?? '';
    for (let r = range.top; r <= Math.min(range.bottom, rows.length); r++) {
      const row = rows[r - 1]!;
      for (let c = range.left; c <= Math.min(range.right, width); c++) row[c - 1] = master;
    }
  }
  return rows;
}

/** Every row 1..last of a worksheet as display text (merges exceljs applied itself show their master's text). */
function worksheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    // Every row as wide as the sheet, so merged ranges can be filled in place.
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(displayText((cell.isMerged ? cell.master : cell).value));
    }
    rows.push(cells);
  }
  return rows;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A date as the civil date it shows (exceljs reads sheet dates as UTC instants); the time only when there is one. */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hasTime = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() > 0;
  return hasTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/** Numbers as their text, without binary noise (0.1 + 0.2 shows as 0.3, as in Excel). */
const numberText = (n: number): string => String(Number(n.toPrecision(15)));

/** A cell value as the text the spreadsheet shows: rich text joined, formulas as their result. */
export function displayText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return cleanText(value.richText.map((run) => run.text).join(''));
  if ('error' in value) return String(value.error);
  if ('hyperlink' in value) return displayText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return displayText(value.result as ExcelJS.CellValue);
  return '';
}

/** Line breaks as LF; Excel's escaped carriage return (_x000D_) dropped. */
const cleanText = (s: string): string => s.replace(/_x000D_/g, '').replace(/\r\n?/g, '\n');
