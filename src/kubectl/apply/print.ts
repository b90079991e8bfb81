import { parseApiVersion } from '../../api/registry.ts';
import type { KubeObject } from '../../store/object.ts';
import type { Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { evaluateJsonPath } from '../jsonpath.ts';
import { asList, toJson, toYaml } from '../printers/serialize.ts';
import { withDryRun, type DryRun } from './dry-run.ts';

/** genericclioptions.PrintFlags' formats, in the order its error lists them. */
const ALLOWED = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];

/** The -o/--output flag of the mutating verbs. */
export const OUTPUT_FLAG = { name: 'output', short: 'o', type: 'string' as const };

/** Fails as PrintFlags.ToPrinter does for an output format the verb cannot print. */
export function checkOutputFormat(inv: Invocation): void {
  const format = inv.flags.string('output') ?? '';
  if (format === '' || format === 'yaml' || format === 'json' || format === 'name' || format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) return;
  throw new KubectlError(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: ${ALLOWED.join(',')}`);
}

/** Whether -o asks for whole objects (yaml, json, jsonpath) rather than a line per object. */
export function printsObjects(inv: Invocation): boolean {
  const format = inv.flags.string('output') ?? '';
  return format !== '' && format !== 'name';
}

/** `replicaset.apps/web`: what the NamePrinter prints for an object (lower-cased kind, its group). */
export function objectName(obj: KubeObject): string {
  const { group } = parseApiVersion(obj.apiVersion ?? '');
  const kind = (obj.kind ?? '').toLowerCase();
  return `${group ? `${kind}.${group}` : kind}/${obj.metadata?.name ?? '<unknown>'}`;
}

/**
 * Prints one object the way PrintFlags does: `replicaset.apps/web scaled[ (dry run)]`, only the
 * name for `-o name`, the object for `-o yaml|json|jsonpath=…`.
 */
export function printObject(inv: Invocation, obj: KubeObject, operation: string, dryRun: DryRun = 'none'): void {
  const format = inv.flags.string('output') ?? '';
  if (format === '') inv.output.out(`${objectName(obj)} ${withDryRun(operation, dryRun)}`);
  else if (format === 'name') inv.output.out(objectName(obj));
  else printWhole(inv, obj);
}

/** Prints objects for -o yaml/json: one object as itself, several as a List (apply's printObjects). */
export function printObjects(inv: Invocation, objects: KubeObject[]): void {
  if (!objects.length) return;
  printWhole(inv, objects.length === 1 ? objects[0] : { ...asList(objects), metadata: {} });
}

function printWhole(inv: Invocation, value: unknown): void {
  const format = inv.flags.string('output') ?? '';
  if (format === 'yaml') inv.output.out(toYaml(value));
  else if (format === 'json') inv.output.out(toJson(value));
  else inv.output.write(evaluateJsonPath(format.slice(format.indexOf('=') + 1), value));
}
