import { StatusError } from '../../api/errors.ts';
import type { KindInfo } from '../../api/registry.ts';
import { groupResource } from '../../api/registry.ts';
import type { Stored } from '../../store/object.ts';
import type { Command, Invocation } from '../command.ts';
import { FILENAME_FLAGS } from '../command.ts';
import { describerFor, type DescriberSettings } from '../describe/index.ts';
import { formatErrors, KubectlError } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { parseResourceArgs, resolveKind } from '../resources.ts';

/** One object the resource builder found (a resource.Info). */
interface Info {
  kind: KindInfo;
  object: Stored;
}

/**
 * kubectl describe (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go): `TYPE [NAME…]`,
 * `TYPE/NAME`, `-f FILE`, or `TYPE -l SELECTOR`; each object's description, the next ones after a
 * blank line. `describe TYPE NAME` with no object of that exact name describes every object whose
 * name starts with NAME (DescribeMatchingResources).
 */
export const describeCommand: Command = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const { flags, output } = inv;
    const settings: DescriberSettings = { showEvents: flags.bool('show-events') };
    const files = flags.strings('filename');
    if (inv.args.length === 0 && files.length === 0) {
      throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    }
    const { infos, errors } = visit(inv, files);
    // Upstream retries any NotFound with exactly two arguments as `TYPE PREFIX`. Given two
    // `TYPE/NAME` arguments, that retry matches nothing and ends with the NotFound alone.
    if (inv.args.length === 2 && errors.length === 1 && isNotFound(errors[0])) {
      return inv.args.some((a) => a.includes('/')) ? fail(inv, errors) : describeMatching(inv, errors[0], settings);
    }
    const seen = new Set<string>();
    let first = true;
    for (const info of infos) {
      const describer = describerFor(groupResource(info.kind));
      if (!describer) {
        const error = noDescriber(info.kind);
        if (!seen.has(error.message)) errors.push(error);
        seen.add(error.message);
        continue;
      }
      output.write(`${first ? '' : '\n\n'}${describer(inv.ctx, info.object, settings)}`);
      first = false;
    }
    if (infos.length === 0 && errors.length === 0) {
      output.err(flags.bool('all-namespaces') ? 'No resources found' : `No resources found in ${inv.namespace} namespace.`);
    }
    return errors.length ? fail(inv, errors) : 0;
  },
};

/** The resource builder: names are fetched one by one (errors collected), types without names listed. */
function visit(inv: Invocation, files: readonly string[]): { infos: Info[]; errors: unknown[] } {
  const { ctx, flags } = inv;
  const allNamespaces = flags.bool('all-namespaces');
  const selector = (flags.string('selector') ?? '').trim();
  const infos: Info[] = [];
  const errors: unknown[] = [];
  const fetch = (kind: KindInfo, namespace: string | undefined, name: string) => {
    try {
      infos.push({ kind, object: ctx.api.get(groupResource(kind), kind.namespaced ? namespace : undefined, name) });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      errors.push(e);
    }
  };
  if (files.length) {
    for (const m of readManifests(ctx, files, inv.io.stdin)) {
      const kind = resolveKind(ctx, `${m.object.kind ?? ''}`);
      fetch(kind, m.object.metadata?.namespace || inv.namespace, m.object.metadata?.name ?? '');
    }
    return { infos, errors };
  }
  const targets = parseResourceArgs(ctx, inv.args);
  for (const t of targets) {
    if (t.names.length && selector) throw new KubectlError('error: name cannot be provided when a selector is specified');
    if (t.names.length && t.kind.namespaced && allNamespaces) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces');
  }
  for (const t of targets) {
    if (t.names.length) {
      for (const name of t.names) fetch(t.kind, inv.namespace, name);
      continue;
    }
    const namespace = t.kind.namespaced && !allNamespaces ? inv.namespace : undefined;
    let listed: Stored[];
    try {
      listed = ctx.api.list(groupResource(t.kind), namespace, { labelSelector: selector });
    } catch (e) {
      throw new KubectlError(`Error from server (BadRequest): ${(e as Error).message}`);
    }
    for (const object of sortByKey(listed)) infos.push({ kind: t.kind, object });
  }
  return { infos, errors };
}

/**
 * DescribeMatchingResources: every object of the type in the namespace whose name starts with the
 * given one, each followed by a blank line; if none does, the original NotFound error.
 */
function describeMatching(inv: Invocation, notFound: unknown, settings: DescriberSettings): number {
  const [type, prefix] = inv.args;
  const kind = resolveKind(inv.ctx, type);
  const describer = describerFor(groupResource(kind));
  const objects = sortByKey(inv.ctx.api.list(groupResource(kind), kind.namespaced ? inv.namespace : undefined)).filter((o) => o.metadata.name.startsWith(prefix));
  if (!describer) return fail(inv, [noDescriber(kind)]);
  if (objects.length === 0) return fail(inv, [notFound]);
  for (const object of objects) inv.output.write(`${describer(inv.ctx, object, settings)}\n`);
  return 0;
}

/**
 * Describer's error for a kind without a describer. (kubectl falls back to a generic describer of
 * the object's fields, which kubespec does not have.)
 */
function noDescriber(kind: KindInfo): Error {
  return new Error(`no description has been implemented for ${kind.group}/${kind.version}, Kind=${kind.kind}`);
}

function fail(inv: Invocation, errors: unknown[]): number {
  inv.output.err(formatErrors(errors, 'describe'));
  return 1;
}

function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.reason === 'NotFound';
}

/** The API's list order: etcd keys, namespace then name. */
function sortByKey(objects: Stored[]): Stored[] {
  const key = (o: Stored) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  return [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
