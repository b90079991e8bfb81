import { NoKindMatchError } from '../api/api-server.ts';
import { StatusError } from '../api/errors.ts';
import { formatFieldError } from '../api/field-errors.ts';
import { FlagError } from './flags.ts';

/** An error whose text kubectl prints as is (already prefixed as kubectl prefixes it). */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** `error: …` unless the message already says so (checkErr's default case). */
export function errorLine(message: string): string {
  return message.startsWith('error: ') ? message : `error: ${message}`;
}

/**
 * What kubectl prints for an error (checkErr and StandardErrorMessage in
 * staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go): Invalid errors from their causes, one per
 * line when several; other API errors as `Error from server (Reason): message`.
 */
export function formatError(err: unknown, verb?: string): string {
  if (err instanceof KubectlError) return err.message;
  if (err instanceof FlagError) return `error: ${err.message}\nSee 'kubectl ${verb ?? ''} --help' for usage.`.replace('kubectl  --help', 'kubectl --help');
  if (err instanceof StatusError) {
    if (err.reason === 'Invalid') {
      const d = err.status.details;
      const head = d && (d.kind || d.name) ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
      const lines = [...new Set(err.fieldErrors.map(formatFieldError))];
      // A status without kind, name or causes keeps its message (a JSON patch that cannot apply).
      if (lines.length === 0) return head === 'The request is invalid' && err.message ? `${head}: ${err.message}` : head;
      if (lines.length === 1) return `${head}: ${lines[0]}`;
      return `${head}: \n${lines.map((l) => `* ${l}`).join('\n')}`;
    }
    return `Error from server (${err.reason}): ${err.message}`;
  }
  if (err instanceof NoKindMatchError) return errorLine(err.message);
  if (err instanceof Error) return errorLine(err.message);
  return errorLine(String(err));
}

/** AddSourceToErr: `error when creating "f.yaml": …` on API errors, for one object of a file. */
export function withSource(err: unknown, verb: string, source: string | undefined): unknown {
  if (!source) return err;
  if (err instanceof StatusError) return err.withMessage(`error when ${verb} "${source}": ${err.message}`);
  return err;
}

/** The text of several errors from one command: each on its own line, as MultipleErrors prints them. */
export function formatErrors(errs: unknown[], verb?: string): string {
  if (errs.length === 1) return formatError(errs[0], verb);
  return errs
    .map((e) => {
      if (e instanceof StatusError) return `Error from server (${e.reason}): ${e.message}`;
      return formatError(e, verb).replace(/^error: /, '');
    })
    .join('\n');
}
