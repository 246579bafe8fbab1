import { decodeCsv, readCsv } from '@cls/csv';
import type { CellValue } from 'exceljs';
import type { TableRow } from './plan-table.js';

/**
 * The plan's files: CSV (@cls/csv) and XLSX. The table as an XLSX workbook, with exceljs (MIT, read and write,
 * runs in the browser from its own bundle): loaded only when someone exports or
 * imports a workbook, so the admin's first page does not carry it. Cells are
 * written as text, never as formulas, so nothing needs neutralising here.
 */
const loadExcel = async () => (await import('exceljs')).default;

/** A workbook of one sheet: the header in bold and frozen, long texts wrapped. */
export async function tableToXlsx(
  rows: ReadonlyArray<readonly string[]>,
  sheetName: string,
): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(...rows.map((row) => Math.min(60, (row[index] ?? '').length)), 8);
    column.width = longest + 2;
    column.alignment = { wrapText: true, vertical: 'top' };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A cell as the import reads it: text as typed; a date typed in a cell as JJ/MM/AAAA; a formula by its result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return String(value);
}

/** The rows of a workbook's first sheet, numbered as the spreadsheet shows them; empty rows left out. */
export async function xlsxToTable(bytes: Uint8Array): Promise<TableRow[]> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.worksheets[0];
  const rows: TableRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = Array.from(values, (value) => cellText(value as CellValue));
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
  });
  return rows;
}

/** Whether these bytes are an XLSX workbook (a ZIP archive) rather than a CSV text. */
export const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** What a file holds, whatever its format: its rows, and how it was read (for the preview). */
export async function readPlanFile(bytes: Uint8Array): Promise<{ rows: TableRow[]; format: string }> {
  if (isXlsx(bytes)) return { rows: await xlsxToTable(bytes), format: 'classeur XLSX' };
  const { text, encoding } = decodeCsv(bytes);
  return { rows: readCsv(text), format: `CSV ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}` };
}
