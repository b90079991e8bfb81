import { groupResource } from '../../api/registry.ts';
import { parseDuration } from '../../sim/duration.ts';
import type { KubeObject } from '../../store/object.ts';
import { prepareObject } from '../apply-objects.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { lastApplied, withLastApplied } from '../apply/last-applied.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError, withSource } from '../errors.ts';
import { readManifests } from '../manifests.ts';

/**
 * CreateOrUpdateAnnotation: --save-config writes the last-applied annotation; without it an
 * annotation the file already carries is brought up to date.
 */
function annotated(obj: KubeObject, saveConfig: boolean): KubeObject {
  return saveConfig || lastApplied(obj) !== undefined ? withLastApplied(obj) : obj;
}

/** kubectl replace (staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go). */
export const replaceCommand: Command = {
  name: 'replace',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'wait', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output } = inv;
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const force = flags.bool('force');
    if (flags.int('grace-period')! >= 0 && !force) throw new KubectlError('error: --grace-period must have --force specified');
    if (parseDuration(flags.string('timeout') ?? '0s') !== 0 && !force) throw new KubectlError('error: --timeout must have --force specified');
    if (force && dryRun !== 'none') throw new KubectlError('error: --dry-run can not be used when --force is set');
    const files = flags.strings('filename');
    if (!files.length) throw new KubectlError('error: must specify --filename to replace');
    const validate = flags.string('validate') !== 'false' && flags.string('validate') !== 'ignore';
    if (force) return forceReplace(inv, validate);
    const manifests = readManifests(inv.ctx, files, inv.io.stdin);
    const errors: unknown[] = [];
    for (const m of manifests) {
      try {
        const { object } = prepareObject(inv, m, validate);
        const obj = annotated(object, flags.bool('save-config'));
        if (dryRun === 'client') {
          printObject(inv, obj, 'replaced', dryRun);
          continue;
        }
        try {
          // PUT carries the file's resourceVersion: a stale one is a Conflict (optimistic concurrency).
          const replaced = inv.ctx.api.update(obj, { dryRun: dryRun === 'server', fieldManager: flags.string('field-manager') });
          printObject(inv, replaced, 'replaced', dryRun);
        } catch (e) {
          errors.push(withSource(e, 'replacing', m.source));
        }
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'replace'));
      return 1;
    }
    return 0;
  },
};

/**
 * --force: delete the objects (printing as kubectl delete does), wait until they are gone (5
 * minutes at most unless --timeout says otherwise), then create them from the files.
 */
function forceReplace(inv: Invocation, validate: boolean): number {
  const { flags, output, ctx } = inv;
  const grace = flags.int('grace-period')!;
  const cascade = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const)[flags.string('cascade') ?? 'background'] ?? 'Background';
  const timeoutMs = parseDuration(flags.string('timeout') ?? '0s') || 5 * 60 * 1000;
  const prepared: { source: string; object: KubeObject; gr: string; namespace?: string; name: string }[] = [];
  const errors: unknown[] = [];
  for (const m of readManifests(ctx, flags.strings('filename'), inv.io.stdin)) {
    try {
      const { kind, object } = prepareObject(inv, m, validate);
      const entry = { source: m.source, object, gr: groupResource(kind), namespace: kind.namespaced ? object.metadata?.namespace : undefined, name: object.metadata?.name ?? '' };
      ctx.api.delete(entry.gr, entry.namespace, entry.name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, propagationPolicy: cascade });
      const k = kind.kind.toLowerCase();
      output.out(`${kind.group ? `${k}.${kind.group}` : k} "${entry.name}" deleted`);
      prepared.push(entry);
    } catch (e) {
      errors.push(withSource(e, 'deleting', m.source));
    }
  }
  if (errors.length) {
    output.err(formatErrors(errors, 'replace'));
    return 1;
  }
  for (const p of prepared) {
    if (!ctx.waitUntil(() => !ctx.api.tryGet(p.gr, p.namespace, p.name), timeoutMs)) {
      output.err('error: timed out waiting for the condition');
      return 1;
    }
  }
  for (const p of prepared) {
    try {
      printObject(inv, ctx.api.create(annotated(p.object, flags.bool('save-config')), { fieldManager: flags.string('field-manager') }), 'replaced');
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) {
    output.err(formatErrors(errors, 'replace'));
    return 1;
  }
  if (prepared.length === 0) throw new KubectlError('error: no objects passed to replace');
  return 0;
}
