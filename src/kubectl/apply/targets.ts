import { StatusError } from '../../api/errors.ts';
import { groupResource, type KindInfo } from '../../api/registry.ts';
import type { KubeObject, Stored } from '../../store/object.ts';
import { prepareObject } from '../apply-objects.ts';
import type { Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { parseResourceArgs } from '../resources.ts';

/** One object a command acts on (resource.Info): where it lives and, once read, what it is. */
export interface Target {
  kind: KindInfo;
  /** Undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  /** The file it came from (`-f`), quoted in error messages. */
  source?: string;
  /** The object: read from the file, or from the server when the builder fetched it. */
  object?: KubeObject;
}

/** Either a target or the error met while finding it (ContinueOnError collects those). */
export type Found = { target: Target } | { error: unknown };

export interface BuilderOptions {
  /** The positional arguments naming resources: `TYPE NAME…`, `TYPE/NAME…`, `TYPE` with a selector. */
  args: readonly string[];
  filenames?: readonly string[];
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  /**
   * Read each object from the server: `Latest()` (label, annotate, edit) re-reads file objects
   * too; `RequireObject` (patch, scale) reads only those named on the command line. Delete reads nothing.
   */
  fetch: 'latest' | 'named' | 'none';
  /** Whether -f objects are checked for apiVersion/kind (--validate). */
  validate?: boolean;
  /** A lone TYPE means all objects of it (ResourceTypeOrNameArgs' allowEmptySelector: edit). */
  allowEmptySelector?: boolean;
}

/** cli-runtime's missingResourceError. */
export const MISSING_RESOURCE = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/**
 * The resource builder (staging/src/k8s.io/cli-runtime/pkg/resource/builder.go) for the verbs
 * that act on existing objects: files, `TYPE NAME…`, `TYPE/NAME…`, or `TYPE` with -l / --all /
 * --field-selector. Usage errors are thrown; lookups that fail (NotFound) come back in order with
 * the objects found, as ContinueOnError visits them.
 */
export function findTargets(inv: Invocation, options: BuilderOptions): Found[] {
  const files = options.filenames ?? [];
  if (options.allowEmptySelector && options.args.length === 1 && !options.args[0].includes('/') && options.selector === undefined) {
    options = { ...options, selector: '' };
  }
  const selecting = options.all || options.selector !== undefined || options.fieldSelector !== undefined;
  const slashed = options.args.some((a) => a.includes('/'));
  if (files.length) {
    if (options.args.length && !slashed) throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    if (slashed) throw new KubectlError('error: resource/name arguments cannot be provided when a path is specified');
    return fromFiles(inv, files, options);
  }
  if (options.args.length === 0) {
    if (selecting) throw new KubectlError('error: at least one resource must be specified to use a selector');
    throw new KubectlError(MISSING_RESOURCE);
  }
  const targets = parseResourceArgs(inv.ctx, options.args);
  if (selecting) {
    if (slashed) throw new KubectlError('error: selectors and the all flag cannot be used when passing resource/name arguments');
    if (targets.some((t) => t.names.length)) throw new KubectlError('error: name cannot be provided when a selector is specified');
    return targets.flatMap((t) => listed(inv, t.kind, options));
  }
  if (targets.every((t) => t.names.length === 0)) throw new KubectlError('error: resource(s) were provided, but no name was specified');
  if (options.allNamespaces && targets.some((t) => t.kind.namespaced)) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces');
  const out: Found[] = [];
  for (const t of targets) {
    for (const name of t.names) {
      const target: Target = { kind: t.kind, namespace: t.kind.namespaced ? inv.namespace : undefined, name };
      out.push(options.fetch === 'none' ? { target } : fetched(inv, target));
    }
  }
  return out;
}

function fromFiles(inv: Invocation, files: readonly string[], options: BuilderOptions): Found[] {
  const out: Found[] = [];
  for (const m of readManifests(inv.ctx, files, inv.io.stdin)) {
    try {
      const { kind, object } = prepareObject(inv, m, options.validate ?? true);
      const target: Target = { kind, namespace: kind.namespaced ? object.metadata?.namespace : undefined, name: object.metadata?.name ?? '', source: m.source, object };
      out.push(options.fetch === 'latest' ? fetched(inv, target) : { target });
    } catch (e) {
      out.push({ error: e });
    }
  }
  return out;
}

/** Reads a target from the server (Info.Get). */
function fetched(inv: Invocation, target: Target): Found {
  try {
    return { target: { ...target, object: inv.ctx.api.get(groupResource(target.kind), target.namespace, target.name) } };
  } catch (e) {
    return { error: e };
  }
}

/** The objects of one kind matching the selectors, in the server's list order (namespace, then name). */
function listed(inv: Invocation, kind: KindInfo, options: BuilderOptions): Found[] {
  const namespace = kind.namespaced && !options.allNamespaces ? inv.namespace : undefined;
  let items: Stored[];
  try {
    items = inv.ctx.api.list(groupResource(kind), namespace, { labelSelector: options.selector ?? '', fieldSelector: options.fieldSelector });
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError('BadRequest', (e as Error).message);
  }
  const key = (o: Stored) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  return [...items]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((o) => ({ target: { kind, namespace: o.metadata.namespace, name: o.metadata.name, object: o } }));
}

/** Info.String(): how apply names an object in its wrapped errors. */
export function describeTarget(kind: KindInfo, namespace: string | undefined, name: string): string {
  const gv = kind.group ? `${kind.group}/${kind.version}` : `/${kind.version}`;
  return `Resource: "${gv}, Resource=${kind.resource}", GroupVersionKind: "${gv}, Kind=${kind.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
}
