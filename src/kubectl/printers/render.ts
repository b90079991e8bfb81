import { keyOf, type Stored } from '../../store/object.ts';
import { GET_TABLE, TabWriter } from '../tabwriter.ts';
import type { Column, Table, TablePrinter } from './table.ts';

export interface RenderOptions {
  wide?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  /** Prepend NAMESPACE (kubectl get -A). */
  withNamespace?: boolean;
  /** Prefix names with `kind.group/` (several kinds in one command). */
  kindPrefix?: string;
  noHeaders?: boolean;
}

/** Builds the server-side Table for objects, sorted by namespace and name as the API lists them. */
export function buildTable(printer: TablePrinter<Stored>, objects: readonly Stored[], now: number, sort = true): Table {
  const items = sort ? [...objects].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)) : objects;
  return { columns: printer.columns, rows: items.map((object) => ({ cells: printer.cells(object, now), object })) };
}

/** The header and row texts kubectl prints for a Table, before column layout. */
export function tableLines(table: Table, opts: RenderOptions): string[][] {
  const keep = table.columns.map((c: Column) => c.priority === 0 || !!opts.wide);
  const header = table.columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
  const labelCols = opts.labelColumns ?? [];
  const lines: string[][] = [];
  const head = [...(opts.withNamespace ? ['NAMESPACE'] : []), ...header, ...labelCols.map((l) => l.split('/').pop()!.toUpperCase()), ...(opts.showLabels ? ['LABELS'] : [])];
  if (!opts.noHeaders) lines.push(head);
  for (const row of table.rows) {
    const cells = row.cells.filter((_, i) => keep[i]);
    if (opts.kindPrefix && table.columns[0]?.name === 'Name') cells[0] = `${opts.kindPrefix}/${cells[0]}`;
    const labels = row.object.metadata.labels ?? {};
    lines.push([
      ...(opts.withNamespace ? [row.object.metadata.namespace ?? ''] : []),
      ...cells,
      ...labelCols.map((l) => labels[l] ?? ''),
      ...(opts.showLabels ? [formatLabels(labels)] : []),
    ]);
  }
  return lines;
}

/** Lays a Table out as kubectl get prints it. */
export function renderTable(table: Table, opts: RenderOptions, writer = new TabWriter(GET_TABLE)): string {
  for (const cells of tableLines(table, opts)) writer.write(`${cells.join('\t')}\n`);
  return writer.flush();
}

/** labels.FormatLabels: `k=v` sorted and comma-joined, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}
