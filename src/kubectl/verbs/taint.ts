import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../../api/errors.ts';
import { labelValueErrors, qualifiedNameErrors } from '../../api/validation/names.ts';
import type { Stored } from '../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf } from '../apply/dry-run.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../apply/print.ts';
import type { Command } from '../command.ts';
import { formatErrors, KubectlError } from '../errors.ts';
import { resolveKind } from '../resources.ts';
import { usageError } from './cordon.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`, with the key and value checked. */
export function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = labelValueErrors(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** parseTaints: the taints to add (each with an effect, unique by key and effect) and to remove (`…-`). */
export function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    // %v of a v1.Taint: {Key Value Effect TimeAdded}.
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    add.push(t);
  }
  return { add, remove };
}

/** Taint.ToString. */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** The taint as the server stores it: an empty value is omitted. */
function stored(t: Taint): Taint {
  return t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect };
}

/**
 * updateTaints and reorganizeTaints (pkg/cmd/taint/taint.go, utils.go): the new taints first,
 * then the old ones not replaced, minus the removed; the operation printed is `modified` with
 * --overwrite or when taints were both added and removed, `tainted` when the list grew, else
 * `untainted`. (Whether anything was removed is the last removal's answer, as upstream.)
 */
export function updateTaints(node: Node, overwrite: boolean, add: readonly Taint[], remove: readonly Taint[]): { operation: string; taints: Taint[] } {
  const old = node.spec?.taints ?? [];
  if (!overwrite) {
    const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
    if (exists.length) throw new Error(`node ${node.metadata?.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
  }
  let taints = add.map(stored);
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errs: string[] = [];
  let removed = false;
  for (const r of remove) {
    const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = kept.length !== taints.length;
    if (!removed) errs.push(`taint "${taintString(r)}" not found`);
    taints = kept;
  }
  if (errs.length === 1) throw new Error(errs[0]);
  if (errs.length > 1) throw new Error(`[${errs.join(', ')}]`);
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints };
}

/** kubectl taint (staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go). */
export const taintCommand: Command = {
  name: 'taint',
  flags: [
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run(inv) {
    const { flags, ctx, output } = inv;
    // Complete: resources first, then taint changes.
    const dryRun = dryRunOf(flags);
    checkOutputFormat(inv);
    const resources: string[] = [];
    const specs: string[] = [];
    for (const s of inv.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) specs.push(s);
      else if (specs.length) throw new KubectlError(`error: all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (resources.length < 1) throw new KubectlError('error: one or more resources must be specified as <resource> <name>');
    if (specs.length < 1) throw new KubectlError('error: at least one taint update is required');
    let parsed: { add: Taint[]; remove: Taint[] };
    try {
      parsed = parseTaints(specs);
    } catch (e) {
      throw usageError('taint', (e as Error).message);
    }
    // Validate.
    const type = resources[0].toLowerCase();
    if (resolveKind(ctx, type).kind !== 'Node') throw new KubectlError(`error: invalid resource type ${type}, only node types are supported`);
    const conflicts = parsed.add.flatMap((a) => parsed.remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect ?? ''}`));
    if (conflicts.length) throw new KubectlError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = flags.bool('all');
    const selector = flags.string('selector') ?? '';
    if (all && selector) throw new KubectlError("error: setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2) throw new KubectlError("error: at least one resource name must be specified since 'all' parameter is not set");
    // RunTaint: the builder's nodes (Latest), each patched on its own; errors are collected.
    const errors: unknown[] = [];
    const nodes: Stored<Node>[] = [];
    if (all || selector) nodes.push(...[...ctx.api.list<Node>('nodes', undefined, { labelSelector: selector })].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)));
    else {
      for (const name of resources.slice(1)) {
        try {
          nodes.push(ctx.api.get<Node>('nodes', undefined, name));
        } catch (e) {
          errors.push(e);
        }
      }
    }
    for (const node of nodes) {
      try {
        const { operation, taints } = updateTaints(node, flags.bool('overwrite'), parsed.add, parsed.remove);
        const after = { ...node, spec: { ...node.spec, taints } };
        if (dryRun === 'client') {
          printObject(inv, after, operation, dryRun);
          continue;
        }
        const patch = { spec: { taints: taints.length ? taints : null } };
        const written = ctx.api.patch('nodes', undefined, node.metadata.name, 'merge', patch, { dryRun: dryRun === 'server', fieldManager: flags.string('field-manager') });
        printObject(inv, written, operation, dryRun);
      } catch (e) {
        if (e instanceof TypeError || e instanceof RangeError) throw e;
        errors.push(e instanceof StatusError || e instanceof KubectlError ? e : new KubectlError(`error: ${(e as Error).message}`));
      }
    }
    if (errors.length) {
      output.err(formatErrors(errors, 'taint'));
      return 1;
    }
    return 0;
  },
};
