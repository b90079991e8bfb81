import type { Stored } from '../../store/object.ts';

/** A column of a server-side Table (metav1.TableColumnDefinition); priority 1 shows only with -o wide. */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'date';
  format?: string;
  description: string;
  priority: 0 | 1;
}

/** How one resource prints: its columns, and the cells of one object at time `now`. */
export interface TablePrinter<T = Stored> {
  columns: readonly Column[];
  cells(obj: T, now: number): string[];
}

/** A Table as the API server builds it: rows of cells plus the object each row is about. */
export interface Table {
  columns: readonly Column[];
  rows: { cells: string[]; object: Stored }[];
}

export function col(name: string, description = '', priority: 0 | 1 = 0, type: Column['type'] = 'string'): Column {
  return { name, type, description, priority, ...(name === 'Name' ? { format: 'name' } : {}) };
}

/** `<none>` for empty cells, as kubectl's printers write them. */
export function orNone(v: string | undefined | null): string {
  return v ? v : '<none>';
}
