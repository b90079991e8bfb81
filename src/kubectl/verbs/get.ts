import type { KindInfo } from '../../api/registry.ts';
import { groupResource } from '../../api/registry.ts';
import { StatusError } from '../../api/errors.ts';
import type { Stored } from '../../store/object.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { printerFor } from '../printers/index.ts';
import { buildTable, renderTable } from '../printers/render.ts';
import { asList, toJson, toYaml } from '../printers/serialize.ts';
import { kindPrefix, parseResourceArgs, resolveKind, type ResourceTarget } from '../resources.ts';
import { GET_TABLE, TabWriter } from '../tabwriter.ts';
import { evaluateJsonPath } from '../jsonpath.ts';
import { watchCommand } from '../watch.ts';

/** The objects found for one target, or the errors of the names that were not. */
interface Found {
  kind: KindInfo;
  objects: Stored[];
  named: boolean;
}

/** kubectl get (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go). */
export const getCommand: Command = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'chunk-size', type: 'int' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { ctx, flags, output } = inv;
    const allNamespaces = flags.bool('all-namespaces');
    const targets = targetsOf(inv);
    if (targets.length === 0) {
      throw new KubectlError(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
      );
    }
    if (flags.bool('watch') || flags.bool('watch-only')) return watchCommand(inv, targets, allNamespaces);
    const errors: unknown[] = [];
    const found: Found[] = [];
    for (const t of targets) {
      const ns = t.kind.namespaced ? (allNamespaces && t.names.length === 0 ? undefined : inv.namespace) : undefined;
      if (t.names.length) {
        const objects: Stored[] = [];
        for (const name of t.names) {
          try {
            objects.push(ctx.api.get(groupResource(t.kind), ns, name));
          } catch (e) {
            if (e instanceof StatusError && e.reason === 'NotFound' && flags.bool('ignore-not-found')) continue;
            errors.push(e);
          }
        }
        found.push({ kind: t.kind, objects, named: true });
      } else {
        let objects: Stored[];
        const labelSelector = flags.string('selector') ?? '';
        const fieldSelector = flags.string('field-selector') ?? '';
        try {
          objects = ctx.api.list(groupResource(t.kind), ns, { labelSelector, fieldSelector });
        } catch (e) {
          // The resource builder's wording for a list the server refused (cli-runtime resource/selector.go).
          const gvr = `"${t.kind.group}/${t.kind.version}, Resource=${t.kind.resource}"`;
          const where = labelSelector || fieldSelector ? `Unable to find ${gvr} that match label selector "${labelSelector}", field selector "${fieldSelector}"` : `Unable to list ${gvr}`;
          throw new KubectlError(`Error from server (BadRequest): ${where}: ${(e as Error).message}`);
        }
        found.push({ kind: t.kind, objects, named: false });
      }
    }
    print(inv, found, targets, allNamespaces);
    for (const e of errors) output.err(formatError(e));
    return errors.length ? 1 : 0;
  },
};

function targetsOf(inv: Invocation): ResourceTarget[] {
  const files = inv.flags.strings('filename');
  if (!files.length) return parseResourceArgs(inv.ctx, inv.args);
  const targets: ResourceTarget[] = [];
  for (const m of readManifests(inv.ctx, files, inv.io.stdin)) {
    const kind = resolveKind(inv.ctx, `${m.object.kind ?? ''}`);
    const existing = targets.find((t) => t.kind === kind);
    const name = m.object.metadata?.name ?? '';
    if (existing) existing.names.push(name);
    else targets.push({ kind, names: [name] });
  }
  return targets;
}

function print(inv: Invocation, found: Found[], targets: ResourceTarget[], allNamespaces: boolean): void {
  const { flags, output, ctx } = inv;
  const format = flags.string('output') ?? '';
  const objects = found.flatMap((f) => sortIfListed(f));
  const single = found.length === 1 && found[0].named && targets[0].names.length === 1;
  if (format === 'yaml' || format === 'json') {
    if (objects.length === 0 && !found.some((f) => !f.named)) return;
    const value = single && objects.length === 1 ? objects[0] : asList(objects);
    output.out(format === 'yaml' ? toYaml(value) : toJson(value));
    return;
  }
  if (format === 'name') {
    for (const f of found) for (const o of sortIfListed(f)) output.out(`${kindPrefix(f.kind)}/${o.metadata.name}`);
    return;
  }
  if (format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) {
    const template = format.slice(format.indexOf('=') + 1);
    const value = single && objects.length === 1 ? objects[0] : asList(objects);
    output.write(evaluateJsonPath(template, value));
    return;
  }
  if (format !== '' && format !== 'wide') {
    throw new KubectlError(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
  }
  const nonEmpty = found.filter((f) => f.objects.length);
  if (nonEmpty.length === 0) {
    if (found.some((f) => !f.named)) {
      const namespaced = found.some((f) => f.kind.namespaced);
      output.err(allNamespaces || !namespaced ? 'No resources found' : `No resources found in ${inv.namespace} namespace.`);
    }
    return;
  }
  const several = found.length > 1 || flags.bool('show-kind');
  const now = ctx.clock.now();
  const blocks: string[] = [];
  for (const f of nonEmpty) {
    const table = buildTable(printerFor(groupResource(f.kind)), f.objects, now, !f.named);
    blocks.push(
      renderTable(table, {
        wide: format === 'wide',
        showLabels: flags.bool('show-labels'),
        labelColumns: flags.strings('label-columns'),
        withNamespace: allNamespaces && f.kind.namespaced && !f.named,
        kindPrefix: several ? kindPrefix(f.kind) : undefined,
        noHeaders: flags.bool('no-headers'),
      }, new TabWriter(GET_TABLE)),
    );
  }
  output.write(blocks.join('\n'));
}

function sortIfListed(f: Found): Stored[] {
  return f.named ? f.objects : sortForList(f.objects);
}

function sortForList(objects: Stored[]): Stored[] {
  return [...objects].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`, kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
