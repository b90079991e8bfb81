import { clone } from '../../api/equality.ts';
import type { KubeObject } from '../../store/object.ts';
import { dryRunOf } from '../apply/dry-run.ts';
import { checkOutputFormat, printObject } from '../apply/print.ts';
import type { Command } from '../command.ts';
import { formatErrors, KubectlError } from '../errors.ts';
import { listPairs, METADATA_EDIT_FLAGS, metadataEditTargets, sendMetadataPatch, splitResourcesAndPairs, validateMetadataEdit } from './label.ts';

/** polymorphichelpers.ChangeCauseAnnotation: always overwritable. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** cmdutil.ParsePairs with removal: `k=v` (the value may hold `=`) adds, `k-` removes. */
function parseAnnotations(pairs: string[]): { add: Map<string, string>; remove: string[] } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0) add.set(pair.slice(0, eq), pair.slice(eq + 1));
    else if (pair.endsWith('-') && pair !== '-') remove.push(pair.slice(0, -1));
    else invalid.push(pair);
  }
  if (invalid.length) throw new KubectlError(`error: invalid annotation format: ${invalid.join(', ')}`);
  const both = remove.filter((k) => add.has(k));
  if (both.length) throw new KubectlError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  return { add, remove };
}

/** updateAnnotations: one error naming every annotation that would be overwritten. */
function applyAnnotations(obj: KubeObject, overwrite: boolean, add: Map<string, string>, remove: string[], rv: string | undefined): void {
  const current = obj.metadata?.annotations ?? {};
  if (!overwrite) {
    const conflicts = [...add].filter(([k, v]) => k !== CHANGE_CAUSE && k in current && current[k] !== v);
    if (conflicts.length) {
      throw new KubectlError(`error: --overwrite is false but found the following declared annotation(s): ${conflicts.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
    }
  }
  const annotations: Record<string, string> = { ...current };
  for (const [k, v] of add) annotations[k] = v;
  for (const k of remove) delete annotations[k];
  obj.metadata = { ...obj.metadata, annotations, ...(rv ? { resourceVersion: rv } : {}) };
}

/** kubectl annotate (staging/src/k8s.io/kubectl/pkg/cmd/annotate/annotate.go). */
export const annotateCommand: Command = {
  name: 'annotate',
  flags: METADATA_EDIT_FLAGS,
  run(inv) {
    const { flags, output } = inv;
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const [resources, pairs] = splitResourcesAndPairs(inv.args, 'annotation');
    const { add, remove } = parseAnnotations(pairs);
    validateMetadataEdit(inv, resources, add.size + remove.length, 'annotation');
    const overwrite = flags.bool('overwrite');
    const rv = flags.string('resource-version');
    const list = flags.bool('list');
    const local = flags.bool('local');
    const found = metadataEditTargets(inv, resources);
    const errors: unknown[] = [];
    for (const f of found) {
      if ('error' in f) {
        errors.push(f.error);
        continue;
      }
      try {
        const obj = clone(f.target.object!);
        let shown: KubeObject = obj;
        if (dryRun === 'client' || local || list) {
          applyAnnotations(obj, overwrite, add, remove, rv);
        } else {
          if (rv) obj.metadata = { ...obj.metadata, resourceVersion: '' };
          const before = clone(obj);
          applyAnnotations(obj, overwrite, add, remove, rv);
          const after = Object.keys(obj.metadata?.annotations ?? {}).length || before.metadata?.annotations ? obj : { ...obj, metadata: { ...obj.metadata, annotations: undefined } };
          shown = sendMetadataPatch(inv, f.target, before, after, flags.string('field-manager') ?? 'kubectl-annotate');
        }
        if (list) listPairs(inv, shown, shown.metadata?.annotations, found.length > 1, 'annotations');
        else printObject(inv, shown, 'annotated', dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'annotate'));
      return 1;
    }
    return 0;
  },
};
