import { clone } from '../../api/equality.ts';
import { conflictError } from '../../api/errors.ts';
import { labelValueErrors } from '../../api/labels.ts';
import { createMergePatch } from '../../api/patch/index.ts';
import { groupResource } from '../../api/registry.ts';
import type { KubeObject } from '../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { goJson, goQuote } from '../apply/go-json.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import { findTargets, type Target } from '../apply/targets.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError } from '../errors.ts';

/** Flags shared by label and annotate (pkg/cmd/label/label.go, pkg/cmd/annotate/annotate.go). */
export const METADATA_EDIT_FLAGS = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  { name: 'overwrite', type: 'bool' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'resource-version', type: 'string' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-manager', type: 'string' as const },
  { name: 'record', type: 'bool' as const },
  { name: 'show-managed-fields', type: 'bool' as const },
  ...FILENAME_FLAGS,
];

/** GetResourcesAndPairs: `KEY=VALUE` and `KEY-` arguments follow the resources. */
export function splitResourcesAndPairs(args: readonly string[], pairType: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (pair) pairs.push(s);
    else if (pairs.length) throw new KubectlError(`error: all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return [resources, pairs];
}

/** The checks label and annotate share before they look anything up. */
export function validateMetadataEdit(inv: Invocation, resources: string[], updates: number, what: 'label' | 'annotation'): void {
  const { flags } = inv;
  if (flags.bool('list') && flags.string('output')) throw new KubectlError('error: --list and --output may not be specified together');
  if (flags.bool('all') && flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector')) throw new KubectlError('error: cannot set --all and --field-selector at the same time');
  const files = flags.strings('filename').length > 0;
  if (flags.bool('local')) {
    const example = what === 'label' ? 'pod.yaml or --filename=pod.json' : 'rsrc.yaml or --filename=rsrc.json';
    if (dryRunOf(flags) === 'server') throw new KubectlError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length) throw new KubectlError(`error: can only use local files by -f ${example} when --local=true is set`);
    if (!files) throw new KubectlError(`error: one or more files must be specified as -f ${example}`);
  } else if (resources.length < 1 && !files) {
    throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (updates < 1 && !flags.bool('list')) throw new KubectlError(`error: at least one ${what} update is required`);
}

/** The objects label and annotate act on: read fresh from the server (the builder's Latest()). */
export function metadataEditTargets(inv: Invocation, resources: string[]) {
  const { flags } = inv;
  const local = flags.bool('local');
  const found = findTargets(inv, {
    args: local ? [] : resources,
    filenames: flags.strings('filename'),
    selector: local ? undefined : flags.string('selector'),
    fieldSelector: local ? undefined : flags.string('field-selector'),
    all: !local && flags.bool('all'),
    allNamespaces: flags.bool('all-namespaces'),
    fetch: local ? 'none' : 'latest',
  });
  if (flags.string('resource-version') && found.length > 1) {
    throw new KubectlError(`error: --resource-version may only be used with a single resource`);
  }
  return found;
}

/**
 * Sends the change as kubectl does: a JSON merge patch from the object as read to the object as
 * edited; a `--resource-version` travels in the patch and makes a stale object a Conflict.
 */
export function sendMetadataPatch(inv: Invocation, target: Target, before: KubeObject, after: KubeObject, fieldManager: string): KubeObject {
  const { ctx, flags } = inv;
  const gr = groupResource(target.kind);
  const rv = flags.string('resource-version');
  if (rv) {
    const live = ctx.api.get(gr, target.namespace, target.name);
    if (live.metadata.resourceVersion !== rv) throw conflictError(target.kind, target.name);
  }
  const patch = createMergePatch(before, after);
  return ctx.api.patch(gr, target.namespace, target.name, 'merge', patch, { dryRun: dryRunOf(flags) === 'server', fieldManager });
}

/** Prints `--list`: the pairs of one object, or of each under a heading when there are several. */
export function listPairs(inv: Invocation, obj: KubeObject, pairs: Record<string, string> | undefined, several: boolean, what: string): void {
  const indent = several ? ' ' : '';
  if (several) {
    const [group] = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion ?? '').split('/') : [''];
    inv.output.out(`Listing ${what} for ${obj.kind}.${group}/${obj.metadata?.name}:`);
  }
  for (const k of Object.keys(pairs ?? {}).sort()) inv.output.out(`${indent}${k}=${pairs![k]}`);
}

/** parseLabels: `k=v` adds, `k-` removes; values are checked here, keys by the server. */
function parseLabels(pairs: string[]): { add: Map<string, string>; remove: string[] } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new KubectlError(`error: invalid label spec: ${spec}`);
      const errs = labelValueErrors(parts[1]);
      if (errs.length) throw new KubectlError(`error: invalid label value: ${goQuote(spec)}: ${errs.join(';')}`);
      add.set(parts[0], parts[1]);
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`error: unknown label spec: ${spec}`);
    }
  }
  if (remove.some((k) => add.has(k))) throw new KubectlError('error: can not both modify and remove a label in the same command');
  return { add, remove };
}

/** labelFunc: refuses to change an existing value without --overwrite; returns the conflicts. */
function applyLabels(obj: KubeObject, overwrite: boolean, add: Map<string, string>, remove: string[], rv: string | undefined): Error[] {
  const current = obj.metadata?.labels ?? {};
  if (!overwrite) {
    const conflicts = [...add].filter(([k, v]) => k in current && current[k] !== v);
    if (conflicts.length) return conflicts.map(([k]) => new KubectlError(`error: '${k}' already has a value (${current[k]}), and --overwrite is false`));
  }
  const labels: Record<string, string> = { ...current };
  for (const [k, v] of add) labels[k] = v;
  for (const k of remove) delete labels[k];
  obj.metadata = { ...obj.metadata, labels, ...(rv ? { resourceVersion: rv } : {}) };
  return [];
}

/** updateDataChangeMsg: compares the object's JSON before and after. */
function changeMessage(before: string, after: string, overwrite: boolean): string {
  if (before === after) return 'not labeled';
  return !overwrite && Buffer.byteLength(after) < Buffer.byteLength(before) ? 'unlabeled' : 'labeled';
}

/** kubectl label (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go). */
export const labelCommand: Command = {
  name: 'label',
  flags: METADATA_EDIT_FLAGS,
  run(inv) {
    const { flags, output } = inv;
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const [resources, pairs] = splitResourcesAndPairs(inv.args, 'label');
    const { add, remove } = parseLabels(pairs);
    validateMetadataEdit(inv, resources, add.size + remove.length, 'label');
    const overwrite = flags.bool('overwrite');
    const rv = flags.string('resource-version');
    const local = flags.bool('local');
    const list = flags.bool('list');
    const found = metadataEditTargets(inv, resources);
    const errors: unknown[] = [];
    for (const f of found) {
      if ('error' in f) {
        errors.push(f.error);
        continue;
      }
      try {
        const { target } = f;
        const obj = clone(target.object!);
        if (rv) obj.metadata = { ...obj.metadata, resourceVersion: '' };
        const before = clone(obj);
        const beforeJson = goJson(before);
        let shown: KubeObject = obj;
        if (dryRun === 'client' || local || list) {
          const conflicts = applyLabels(obj, overwrite, add, remove, rv);
          if (conflicts.length) {
            errors.push(...conflicts);
            continue;
          }
        } else {
          for (const k of remove) if (!(k in (obj.metadata?.labels ?? {}))) output.out(`label "${k}" not found.`);
          const conflicts = applyLabels(obj, overwrite, add, remove, rv);
          if (conflicts.length) {
            errors.push(...conflicts);
            continue;
          }
          shown = sendMetadataPatch(inv, target, before, withoutEmptyLabels(obj, before), flags.string('field-manager') ?? 'kubectl-label');
        }
        if (list) {
          listPairs(inv, shown, shown.metadata?.labels, found.length > 1, 'labels');
          continue;
        }
        printObject(inv, obj, changeMessage(beforeJson, goJson(obj), overwrite), dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'label'));
      return 1;
    }
    return 0;
  },
};

/** An emptied or never-set labels map is not worth a patch: the server omits it either way. */
function withoutEmptyLabels(obj: KubeObject, before: KubeObject): KubeObject {
  if (Object.keys(obj.metadata?.labels ?? {}).length || before.metadata?.labels) return obj;
  const { labels: _, ...meta } = obj.metadata ?? {};
  return { ...obj, metadata: meta };
}
