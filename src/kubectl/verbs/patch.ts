import yaml from 'js-yaml';
import { deepEqual } from '../../api/equality.ts';
import { applyPatch, type PatchType } from '../../api/patch/index.ts';
import { groupResource } from '../../api/registry.ts';
import type { KubeObject } from '../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { goQuote } from '../apply/go-json.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import { findTargets } from '../apply/targets.ts';
import type { Command } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatErrors, KubectlError } from '../errors.ts';

/** --type values and the patch each sends (patchTypes in patch.go). */
const PATCH_TYPES: Record<string, PatchType> = { json: 'json', merge: 'merge', strategic: 'strategic' };

/** patchOperation: whether the server's answer differs from the object read before. */
const operation = (didPatch: boolean) => (didPatch ? 'patched' : 'patched (no change)');

/** go-yaml's words for the usual ways a patch on the command line is cut short or mistyped. */
function goYamlError(e: yaml.YAMLException, text: string): string {
  const reason = e.reason ?? e.message;
  const line = Math.min((e.mark?.line ?? 0) + 1, text.split('\n').length);
  if (/unexpected end of the stream within a flow collection/.test(reason)) return `yaml: line ${line}: did not find expected node content`;
  if (/missed comma between flow collection entries/.test(reason)) return `yaml: line ${line}: did not find expected ',' or '}'`;
  if (/unexpected end of the stream within a (single|double) quoted scalar/.test(reason)) return `yaml: line ${line}: found unexpected end of stream`;
  return `yaml: line ${line}: ${reason}`;
}

/** kubectl patch (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go). */
export const patchCommand: Command = {
  name: 'patch',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output, ctx } = inv;
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const text = flags.string('patch') ?? '';
    const file = flags.string('patch-file') ?? '';
    const local = flags.bool('local');
    if (text && file) throw new KubectlError('error: cannot specify --patch and --patch-file together');
    if (!text && !file) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch');
    if (local && inv.args.length) throw new KubectlError('error: cannot specify --local and server resources');
    if (local && dryRun === 'server') throw new KubectlError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const typeName = flags.string('type') ?? 'strategic';
    const type = PATCH_TYPES[typeName.toLowerCase()];
    if (!type) throw new KubectlError(`error: --type must be one of [json merge strategic], not ${goQuote(typeName)}`);
    let source = text;
    if (file) {
      try {
        source = ctx.readFile(file);
      } catch {
        throw new KubectlError(`error: unable to read patch file: open ${file}: no such file or directory`);
      }
    }
    let body: unknown;
    try {
      // yaml.ToJSON: the patch may be written as YAML as well as JSON.
      body = yaml.load(source) ?? null;
    } catch (e) {
      throw new KubectlError(`error: unable to parse ${goQuote(text)}: error converting YAML to JSON: ${goYamlError(e as yaml.YAMLException, source)}`);
    }
    const subresource = flags.string('subresource');
    if (subresource !== undefined && subresource !== 'status' && subresource !== 'scale') {
      throw new KubectlError(`error: invalid subresource value: ${goQuote(subresource)}. Must be one of [status scale]`);
    }
    const found = findTargets(inv, { args: local ? [] : inv.args, filenames: flags.strings('filename'), fetch: local ? 'none' : 'named' });
    const errors: unknown[] = [];
    let count = 0;
    for (const f of found) {
      if ('error' in f) {
        errors.push(f.error);
        continue;
      }
      count++;
      const { target } = f;
      try {
        if (!local && dryRun !== 'client') {
          const gr = groupResource(target.kind);
          // A scale patch (`{"spec":{"replicas":N}}`) reads the same on the object as on its Scale.
          const patched: KubeObject = ctx.api.patch(gr, target.namespace, target.name, type, body, {
            dryRun: dryRun === 'server',
            fieldManager: flags.string('field-manager'),
            subresource: subresource === 'status' ? 'status' : undefined,
          });
          printObject(inv, patched, operation(!deepEqual(target.object, patched)), dryRun);
          continue;
        }
        const patched = applyPatch(target.object!, type, body);
        printObject(inv, patched, operation(!deepEqual(target.object, patched)), dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'patch'));
      return 1;
    }
    if (count === 0) throw new KubectlError('error: no objects passed to patch');
    return 0;
  },
};
