import ExcelJS from 'exceljs';
import { accountabilityText, materialText, type PowerContent } from './power-item.rules.ts';

/** What an export carries of an item: portable (units by code, categories by Chinese name), no ids or timestamps. */
export interface ExportedItem {
  code: string;
  unitCode: string;
  content: PowerContent;
}

/** The header the importer reads back; one row per responsibility, every row repeating the item's fields. */
export const EXPORT_HEADER = [
  '序号',
  '职权编码',
  '职权名称',
  '职权类别',
  '实施依据',
  '承办机构',
  '法定办结时限（工作日）',
  '承诺办结时限（工作日）',
  '收费依据和标准',
  '申请条件',
  '申请材料',
  '服务对象',
  '责任事项',
  '追责情形',
  '监督电话',
] as const;

const text = (v: string | number | null) => (v === null ? '' : String(v));

/** The export as rows of cell texts, header first. */
export function exportRows(items: readonly ExportedItem[], categoryName: (code: string) => string): string[][] {
  const rows: string[][] = [[...EXPORT_HEADER]];
  items.forEach((item, i) => {
    const c = item.content;
    const fields = [
      String(i + 1),
      item.code,
      c.name,
      categoryName(c.category),
      c.basis.join('\n'),
      c.implementingBody ?? item.unitCode,
      text(c.statutoryLimit),
      text(c.promisedLimit),
      c.fees ?? '',
      c.conditions ?? '',
      c.materials.map(materialText).join('\n'),
      c.serviceObject ?? '',
    ];
    const accountability = c.accountability.map(accountabilityText).join('\n');
    const responsibilities = c.responsibilities.length > 0 ? c.responsibilities : [null];
    for (const r of responsibilities) rows.push([...fields, r ? `${r.stage}责任：${r.text}` : '', accountability, c.supervisionPhone ?? '']);
  });
  return rows;
}

/** UTF-8 CSV with a BOM (so Excel opens it right), RFC 4180 quoting, CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(rows: readonly (readonly string[])[], sheetName = '权力清单'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow([...r]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((col) => {
    col.width = 18;
    col.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The JSON export: `{"items":[{code, name, category: "行政许可", unit, basis, …}]}`. */
export function toJson(items: readonly ExportedItem[], categoryName: (code: string) => string) {
  return {
    items: items.map(({ code, unitCode, content: c }) => ({
      code,
      name: c.name,
      category: categoryName(c.category),
      unit: unitCode,
      implementingBody: c.implementingBody,
      basis: c.basis,
      conditions: c.conditions,
      materials: c.materials,
      statutoryLimit: c.statutoryLimit,
      promisedLimit: c.promisedLimit,
      fees: c.fees,
      serviceObject: c.serviceObject,
      supervisionPhone: c.supervisionPhone,
      responsibilities: c.responsibilities,
      accountability: c.accountability,
      process: c.process ?? null,
    })),
  };
}
