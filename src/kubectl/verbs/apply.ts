import { schemaForKind } from '../../api/patch/merge-keys.ts';
import type { JsonMap } from '../../api/patch/strategic.ts';
import { groupResource, type KindInfo } from '../../api/registry.ts';
import type { KubeObject, Stored } from '../../store/object.ts';
import { prepareObject } from '../apply-objects.ts';
import { DRY_RUN_FLAG, dryRunOf, type DryRun } from '../apply/dry-run.ts';
import { goJson } from '../apply/go-json.ts';
import { lastApplied, LAST_APPLIED, modifiedConfiguration, pruneNulls, withLastApplied } from '../apply/last-applied.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject, printObjects, printsObjects } from '../apply/print.ts';
import { describeTarget } from '../apply/targets.ts';
import { createThreeWayMergePatch } from '../apply/three-way.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError, withSource } from '../errors.ts';
import { readManifests, type ManifestObject } from '../manifests.ts';

/** Field managers apply writes as (apply.go): client-side apply is not `kubectl-apply`. */
const CLIENT_SIDE_MANAGER = 'kubectl-client-side-apply';
const SERVER_SIDE_MANAGER = 'kubectl';

/** What one object's apply did: the line's operation and the object -o yaml would show. */
interface Applied {
  operation: string;
  object: KubeObject;
}

/** kubectl apply -f (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, patcher.go). */
export const applyCommand: Command = {
  name: 'apply',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'openapi-patch', type: 'bool', default: true },
    { name: 'prune', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output } = inv;
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const serverSide = flags.bool('server-side');
    if (!flags.strings('filename').length && !flags.string('kustomize')) throw new KubectlError('error: must specify one of -f and -k');
    if (flags.bool('force-conflicts') && !serverSide) throw new KubectlError('error: --force-conflicts only works with --server-side');
    if (dryRun === 'client' && serverSide) throw new KubectlError('error: --dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server instead?)');
    if (serverSide && flags.bool('force')) throw new KubectlError('error: --force cannot be used with --server-side');
    if (dryRun === 'server' && flags.bool('force')) throw new KubectlError('error: --dry-run=server cannot be used with --force');
    if (flags.bool('all') && flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time');
    if (flags.bool('prune')) throw new KubectlError('error: --prune is not supported by kubespec');
    const validate = flags.string('validate') !== 'false' && flags.string('validate') !== 'ignore';
    const manifests = readManifests(inv.ctx, flags.strings('filename'), inv.io.stdin);
    const errors: unknown[] = [];
    const prepared: { m: ManifestObject; kind: KindInfo; object: KubeObject }[] = [];
    for (const m of manifests) {
      try {
        prepared.push({ m, ...prepareObject(inv, m, validate) });
      } catch (e) {
        errors.push(e);
      }
    }
    if (prepared.length === 0 && errors.length === 0) throw new KubectlError('error: no objects passed to apply');
    const shown: KubeObject[] = [];
    for (const { m, kind, object } of prepared) {
      try {
        const applied = serverSide ? applyServerSide(inv, kind, object, dryRun) : applyClientSide(inv, kind, object, m.source, dryRun);
        shown.push(applied.object);
        if (!printsObjects(inv)) printObject(inv, applied.object, applied.operation, dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'apply'));
      return 1;
    }
    // printObjects (the post-processor): -o yaml|json shows everything applied at the end.
    if (printsObjects(inv)) printObjects(inv, shown);
    return 0;
  },
};

/**
 * applyOneObject, client side: create with the last-applied annotation when the object is new;
 * otherwise a three-way strategic merge patch from the annotation (original), the file
 * (modified, annotation included) and the live object (current), skipped when empty.
 */
function applyClientSide(inv: Invocation, kind: KindInfo, object: KubeObject, source: string, dryRun: DryRun): Applied {
  const { ctx, flags } = inv;
  const name = object.metadata?.name ?? '';
  const namespace = kind.namespaced ? object.metadata?.namespace : undefined;
  const fieldManager = flags.string('field-manager') ?? CLIENT_SIDE_MANAGER;
  if (!name && object.metadata?.generateName) throw new KubectlError(`error: from ${object.metadata.generateName}: cannot use generate name with apply`);
  const modified = JSON.parse(modifiedConfiguration(object, true)) as JsonMap;
  if (!name) {
    throw new KubectlError(`error: error when retrieving current configuration of:\n${describeTarget(kind, namespace, name)}\nfrom server for: "${source}": resource name may not be empty`);
  }
  const current = ctx.api.tryGet(groupResource(kind), namespace, name);
  if (!current) {
    const toCreate = pruneNulls(withLastApplied(object));
    if (dryRun === 'client') return { operation: 'created', object: toCreate };
    try {
      return { operation: 'created', object: ctx.api.create(toCreate, { dryRun: dryRun === 'server', fieldManager }) };
    } catch (e) {
      throw withSource(e, 'creating', source);
    }
  }
  if (dryRun === 'client') return { operation: 'configured', object: current };
  if (lastApplied(current) === undefined) {
    inv.output.err(
      `Warning: resource ${kind.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
    );
  }
  const patch = threeWayPatch(current, modified, kind);
  let result: Stored = current;
  if (Object.keys(patch).length) {
    try {
      result = ctx.api.patch(groupResource(kind), namespace, name, 'strategic', patch, { dryRun: dryRun === 'server', fieldManager });
    } catch (e) {
      throw withSource(withSource(e, 'patching', source), `applying patch:\n${goJson(patch)}\nto:\n${describeTarget(kind, namespace, name)}\nfor:`, source);
    }
  }
  warnIfDeleting(inv, result);
  return { operation: Object.keys(patch).length ? 'configured' : 'unchanged', object: result };
}

/** The patch from the annotation, the file and the live object; the annotation may be garbage. */
function threeWayPatch(current: Stored, modified: JsonMap, kind: KindInfo): JsonMap {
  const text = lastApplied(current);
  let original: JsonMap | undefined;
  if (text) {
    try {
      original = JSON.parse(text) as JsonMap;
    } catch {
      throw new KubectlError(`error: error when creating patch: invalid JSON document`);
    }
  }
  return createThreeWayMergePatch(original, modified, JSON.parse(goJson(current)) as JsonMap, schemaForKind(kind.kind));
}

/**
 * --server-side, simplified: the file is merged onto the live object (a strategic merge patch
 * without deletions) or created; kubespec keeps no managedFields, so there are no conflicts.
 */
function applyServerSide(inv: Invocation, kind: KindInfo, object: KubeObject, dryRun: DryRun): Applied {
  const { ctx, flags } = inv;
  const fieldManager = flags.string('field-manager') ?? SERVER_SIDE_MANAGER;
  const name = object.metadata?.name ?? '';
  const namespace = kind.namespaced ? object.metadata?.namespace : undefined;
  const live = ctx.api.tryGet(groupResource(kind), namespace, name);
  const result = live
    ? ctx.api.patch(groupResource(kind), namespace, name, 'strategic', pruneNulls(object), { dryRun: dryRun === 'server', fieldManager })
    : ctx.api.create(pruneNulls(object), { dryRun: dryRun === 'server', fieldManager });
  warnIfDeleting(inv, result);
  return { operation: 'serverside-applied', object: result };
}

/** WarnIfDeleting. */
function warnIfDeleting(inv: Invocation, obj: KubeObject): void {
  if (obj.metadata?.deletionTimestamp) inv.output.err(`Warning: Detected changes to resource ${obj.metadata.name} which is currently being deleted.`);
}
