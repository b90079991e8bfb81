import { StatusError } from '../../../api/errors.ts';
import type { KindInfo } from '../../../api/registry.ts';
import { findTargets, type Target } from '../../apply/targets.ts';
import type { Invocation } from '../../command.ts';
import { FILENAME_FLAGS } from '../../command.ts';
import { formatError, KubectlError } from '../../errors.ts';
import type { FlagSpec } from '../../flags.ts';

/** The flags every rollout subcommand takes to name its objects: -f/-R/-k and -l. */
export const TARGET_FLAGS: FlagSpec[] = [...FILENAME_FLAGS, { name: 'selector', short: 'l', type: 'string' }];

/**
 * The objects a rollout subcommand acts on: `TYPE NAME…`, `TYPE/NAME…`, `TYPE` alone (every object
 * of it, ResourceTypeOrNameArgs(true, …)), `-l`, or `-f`, each read fresh from the server
 * (Latest()). Validate() first: with neither arguments nor files, `required resource not specified`.
 */
export function rolloutTargets(inv: Invocation): { targets: Target[]; errors: unknown[] } {
  requireResources(inv);
  const filenames = inv.flags.strings('filename');
  const found = findTargets(inv, { args: inv.args, filenames, selector: inv.flags.string('selector'), fetch: 'latest', allowEmptySelector: true });
  return {
    targets: found.flatMap((f) => ('target' in f ? [f.target] : [])),
    errors: found.flatMap((f) => ('error' in f ? [f.error] : [])),
  };
}

/** Validate()'s first check: some resource named by argument or file. */
export function requireResources(inv: Invocation): void {
  if (inv.args.length === 0 && inv.flags.strings('filename').length === 0) throw new KubectlError('error: required resource not specified');
}

/** schema.GroupKind's String(): `Deployment.apps`, `Pod`. */
export function groupKindText(kind: KindInfo): string {
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
}

/**
 * The kinds pkg/apps' KindVisitor knows; for any other kind the history viewer and rollbacker
 * lookups fail with `no visitor method exists for {group kind}` (a GroupKindElement printed with
 * %v, which has no String method: Go prints the struct's fields).
 */
export function visitorError(kind: KindInfo): string | undefined {
  const known: Record<string, string[]> = {
    DaemonSet: ['apps', 'extensions'],
    Deployment: ['apps', 'extensions'],
    Job: ['batch'],
    Pod: ['', 'core'],
    ReplicaSet: ['apps', 'extensions'],
    ReplicationController: ['', 'core'],
    StatefulSet: ['apps'],
    CronJob: ['batch'],
  };
  if (known[kind.kind]?.includes(kind.group)) return undefined;
  return `no visitor method exists for {${kind.group} ${kind.kind}}`;
}

/** `deployments.apps`: how pause, resume and restart name an object's resource in their errors. */
export function resourceText(kind: KindInfo): string {
  return kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
}

/** utilerrors.Aggregate: several errors as one; its text is `[a, b]`, or the one error's text. */
export class Aggregate extends Error {
  constructor(readonly errors: readonly unknown[]) {
    super(errors.length === 1 ? errorText(errors[0]) : `[${errors.map(errorText).join(', ')}]`);
  }
}

/** An error's Error() text: a KubectlError without the `error: ` prefix kubectl adds on display. */
function errorText(e: unknown): string {
  if (e instanceof KubectlError) return e.message.replace(/^error: /, '');
  return e instanceof Error ? e.message : String(e);
}

/**
 * cmdutil.CheckErr over what a rollout subcommand collected: one error as checkErr prints it
 * (`error: …`, `Error from server (…): …`), an aggregate of one unwrapped first; several as
 * MultipleErrors, one line each. A KubectlError carries kubectl's `error: ` display prefix,
 * dropped in the multi-line form; a plain Error is Go's error text as is.
 */
export function reportErrors(inv: Invocation, errors: readonly unknown[]): number {
  if (errors.length === 0) return 0;
  const list = errors.length === 1 && errors[0] instanceof Aggregate ? errors[0].errors : errors;
  inv.output.err(list.length === 1 ? formatError(list[0]) : list.map(messageForError).join('\n'));
  return 1;
}

/** messageForError: a status error as StandardErrorMessage words it, anything else by its text. */
function messageForError(e: unknown): string {
  return e instanceof StatusError ? `Error from server (${e.reason}): ${e.message}` : errorText(e);
}

/**
 * The builder's errors as ContinueOnErrorVisitor returns them (r.Infos() in pause, resume and
 * restart): none, the one error itself, or an Aggregate of several.
 */
export function infosErrors(errors: readonly unknown[]): unknown[] {
  return errors.length <= 1 ? [...errors] : [new Aggregate(errors)];
}
