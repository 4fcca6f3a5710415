/// <reference types="office-js" />
/** Small Office.js actions for the task pane, one sync each. */
import { SyncCounter } from "./errors";

/** Shows a cell: activates its sheet and selects it. Fails clearly when the sheet is gone or hidden. */
export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await new SyncCounter(context).sync(`selecting ${address} on sheet "${sheet}"`);
}

/** The workbook's name as Excel shows it (ExcelApi 1.7). */
export async function workbookName(context: Excel.RequestContext): Promise<string> {
  const wb = context.workbook.load("name");
  await new SyncCounter(context).sync("reading the workbook's name");
  return wb.name;
}
