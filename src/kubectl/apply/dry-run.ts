import type { Flags } from '../flags.ts';
import { KubectlError } from '../errors.ts';

/** cmdutil.DryRunStrategy. */
export type DryRun = 'none' | 'client' | 'server';

/** The --dry-run flag every mutating verb shares (GetDryRunStrategy, pkg/cmd/util/helpers.go). */
export const DRY_RUN_FLAG = { name: 'dry-run', type: 'string' as const, default: 'none' };

/**
 * Parses --dry-run: `client`, `server`, `none`, the deprecated booleans (true is client), and
 * `unchanged` (the value of a bare `--dry-run`).
 */
export function dryRunOf(flags: Flags): DryRun {
  const value = flags.string('dry-run') ?? 'none';
  switch (value) {
    case 'client':
    case 'unchanged':
    case 'true':
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'True':
      return 'client';
    case 'server':
      return 'server';
    case 'none':
    case 'false':
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'False':
      return 'none';
    default:
      throw new KubectlError(`error: Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
}

/** PrintFlagsWithDryRunStrategy: `created (dry run)`, `created (server dry run)`. */
export function withDryRun(operation: string, dryRun: DryRun): string {
  if (dryRun === 'client') return `${operation} (dry run)`;
  if (dryRun === 'server') return `${operation} (server dry run)`;
  return operation;
}
