import yaml from 'js-yaml';
import { clone } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import { schemaForKind } from '../../api/patch/merge-keys.ts';
import type { JsonMap } from '../../api/patch/strategic.ts';
import { groupResource } from '../../api/registry.ts';
import type { KubeObject } from '../../store/object.ts';
import { goJson } from '../apply/go-json.ts';
import { OUTPUT_FLAG, printObject } from '../apply/print.ts';
import { findTargets, type Target } from '../apply/targets.ts';
import { createTwoWayMergePatch } from '../apply/three-way.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { errorLine, formatErrors, KubectlError } from '../errors.ts';
import { parseManifest } from '../manifests.ts';
import { toJson, toYaml } from '../printers/serialize.ts';

/** editHeader.writeTo (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go). */
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Why the file is reopened: a heading and, for an invalid object, its causes. */
interface EditReason {
  head: string;
  other: string[];
}

/** editResults: what one save did. */
interface EditResults {
  reasons: EditReason[];
  retryable: number;
  notfound: number;
  invalid: number;
}

/** hashOnLineBreak: continues a multi-line message as comment lines. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

function header(reasons: EditReason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** ManualStrip: drops comment lines (but not `#!`). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => !(line.trim().startsWith('#') && !line.trim().startsWith('#!')))
    .join('\n');
}

/** StripComments: the file as JSON, so only a change of content counts; raw lines if it is not YAML. */
function stripComments(text: string): string {
  try {
    return goJson(yaml.load(text) ?? null);
  } catch {
    return manualStrip(text);
  }
}

/** hasLines: whether anything but blanks and comments is left. */
function hasLines(text: string): boolean {
  return text.split('\n').some((line) => line.trim().length > 0 && !line.trim().startsWith('#'));
}

/**
 * The temporary file the editor opens (os.CreateTemp "kubectl-edit-*.yaml"): Go picks a random
 * number; kubespec derives it from the text so that runs repeat (FNV-1a, 32 bits).
 */
function tempFileName(text: string, ext: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `/tmp/kubectl-edit-${h}${ext}`;
}

/** `replicasets.apps "x"`: how edit names an object in its errors. */
function resourceString(target: Target): string {
  return `${groupResource(target.kind)} "${target.name}"`;
}

/** kubectl edit (staging/src/k8s.io/kubectl/pkg/cmd/edit/edit.go; the loop in util/editor/editoptions.go). */
export const editCommand: Command = {
  name: 'edit',
  flags: [
    OUTPUT_FLAG,
    { name: 'output-patch', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
    { name: 'subresource', type: 'string' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output } = inv;
    const found = findTargets(inv, { args: inv.args, filenames: flags.strings('filename'), fetch: 'latest', allowEmptySelector: true });
    const errors = found.flatMap((f) => ('error' in f ? [f.error] : []));
    if (errors.length) {
      output.err(formatErrors(errors, 'edit'));
      return 1;
    }
    const targets = found.flatMap((f) => ('target' in f ? [f.target] : []));
    if (targets.length === 0) throw new KubectlError('error: edit cancelled, no objects found');
    const json = flags.string('output') === 'json';
    const objects = targets.map((t) => withoutManagedFields(t.object!));
    const shown = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
    const original = (json ? '' : HEADER) + (json ? toJson(shown) : toYaml(shown));
    return editLoop(inv, targets, original, json);
  },
};

function withoutManagedFields(obj: KubeObject): KubeObject {
  const { managedFields: _, ...meta } = obj.metadata ?? {};
  return { ...obj, metadata: meta };
}

/** Opens the editor until the changes are saved, abandoned, or fail for good. */
function editLoop(inv: Invocation, targets: Target[], original: string, json: boolean): number {
  const { output } = inv;
  const ext = json ? '.json' : '.yaml';
  let text = original;
  let edited = '';
  let containsError = false;
  for (;;) {
    if (!inv.io.editor) throw new KubectlError('error: unable to launch the editor "vi"');
    const previous = edited;
    edited = inv.io.editor(text);
    const file = tempFileName(text, ext);
    if (containsError && stripComments(previous) === stripComments(edited)) {
      output.err(`A copy of your changes has been stored to "${file}"`);
      throw new KubectlError('error: Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(original) === stripComments(edited)) {
      output.err('Edit cancelled, no changes made.');
      return 0;
    }
    if (!hasLines(edited)) {
      output.err('Edit cancelled, saved file was empty.');
      return 0;
    }
    let updated: KubeObject[];
    try {
      updated = parseManifest(edited, 'edited-file').map((m) => m.object);
    } catch (e) {
      containsError = true;
      text = header([{ head: `The edited file had a syntax error: ${(e as Error).message.replace(/^error: /, '')}`, other: [] }]) + manualStrip(edited);
      continue;
    }
    containsError = false;
    let results: EditResults;
    try {
      results = saveEdits(inv, targets, updated);
    } catch (e) {
      output.err(`A copy of your changes has been stored to "${file}"`);
      throw e;
    }
    if (results.retryable > 0) {
      output.err(`You can run \`kubectl replace -f ${file}\` to try this update again.`);
      return 1;
    }
    if (results.notfound > 0) {
      output.err(`The edits you made on deleted resources have been saved to "${file}"`);
      return 1;
    }
    if (results.invalid === 0) return 0;
    containsError = true;
    text = header(results.reasons) + manualStrip(edited);
  }
}

/** visitToPatch: a two-way strategic merge patch per changed object, sent as kubectl-edit. */
function saveEdits(inv: Invocation, targets: Target[], updated: KubeObject[]): EditResults {
  const results: EditResults = { reasons: [], retryable: 0, notfound: 0, invalid: 0 };
  for (const obj of updated) {
    if (!obj.apiVersion || !obj.kind) throw new KubectlError(`error: error validating "edited-file": error validating data: ${obj.apiVersion ? 'kind not set' : obj.kind ? 'apiVersion not set' : '[apiVersion not set, kind not set]'}`);
    const target = targets.find((t) => t.object?.metadata?.uid === obj.metadata?.uid);
    if (!target) throw new KubectlError(`error: no original object found for ${goJson(obj)}`);
    const kind = inv.ctx.api.kinds.byKind(obj.apiVersion, obj.kind);
    if (kind?.namespaced && obj.metadata?.namespace && obj.metadata.namespace !== inv.namespace) {
      const ns = obj.metadata.namespace;
      throw new KubectlError(`error: the namespace from the provided object "${ns}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${ns}' to perform this operation.`);
    }
    const before = withoutManagedFields(target.object!) as JsonMap;
    const after = clone(obj) as JsonMap;
    if (goJson(before) === goJson(after)) {
      printObject(inv, target.object!, 'skipped');
      continue;
    }
    const patch = createTwoWayMergePatch(before, after, schemaForKind(target.kind.kind));
    const meta = patch.metadata;
    if ('apiVersion' in patch || 'kind' in patch || 'managedFields' in patch || (meta && typeof meta === 'object' && !Array.isArray(meta) && 'name' in meta)) {
      throw new KubectlError('error: At least one of apiVersion, kind and name was changed');
    }
    if (inv.flags.bool('output-patch')) inv.output.out(`Patch: ${goJson(patch)}`);
    try {
      const patched = inv.ctx.api.patch(groupResource(target.kind), target.namespace, target.name, 'strategic', patch, { fieldManager: inv.flags.string('field-manager') });
      printObject(inv, patched, 'edited');
    } catch (e) {
      inv.output.err(addError(results, e, target));
    }
  }
  return results;
}

/** editResults.addError: an invalid object is reopened with its causes; others end the edit. */
function addError(results: EditResults, err: unknown, target: Target): string {
  if (err instanceof StatusError && err.reason === 'Invalid') {
    results.invalid++;
    const causes = err.status.details?.causes ?? [];
    results.reasons.push({ head: `${resourceString(target)} was not valid`, other: causes.map((c) => `${c.field}: ${c.message}`) });
    return `error: ${resourceString(target)} is invalid`;
  }
  if (err instanceof StatusError && err.reason === 'NotFound') {
    results.notfound++;
    return `error: ${resourceString(target)} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${resourceString(target)} could not be patched: ${errorLine(err instanceof Error ? err.message : String(err)).replace(/^error: /, '')}`;
}
