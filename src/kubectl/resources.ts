import type { KindInfo } from '../api/registry.ts';
import type { KubectlContext } from './context.ts';
import { KubectlError } from './errors.ts';

/** One kind named on the command line, with the object names given for it (none: all). */
export interface ResourceTarget {
  kind: KindInfo;
  names: string[];
}

/** Discovery order of the `all` category (kubectl get all). */
const ALL_ORDER = ['pods', 'replicationcontrollers', 'services', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'horizontalpodautoscalers.autoscaling', 'cronjobs.batch', 'jobs.batch'];

/** Resolves one resource type as kubectl's RESTMapper does, or the server's "no such type" error. */
export function resolveKind(ctx: KubectlContext, name: string): KindInfo {
  const kind = ctx.api.kinds.resolve(name);
  if (!kind) throw new KubectlError(`error: the server doesn't have a resource type "${name.split('.')[0]}"`);
  return kind;
}

/** Kinds in a category, such as `all`. */
export function kindsInCategory(ctx: KubectlContext, category: string): KindInfo[] {
  const kinds = ctx.api.kinds.all().filter((k) => k.categories.includes(category));
  const rank = (k: KindInfo) => {
    const i = ALL_ORDER.indexOf(k.group ? `${k.resource}.${k.group}` : k.resource);
    return i < 0 ? ALL_ORDER.length : i;
  };
  return kinds.sort((a, b) => rank(a) - rank(b));
}

/**
 * Parses `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME …` (the resource builder's two forms) into targets,
 * in the order given.
 */
export function parseResourceArgs(ctx: KubectlContext, args: readonly string[]): ResourceTarget[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new KubectlError(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const targets: ResourceTarget[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i), name = a.slice(i + 1);
      if (!name) throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`);
      const kind = resolveKind(ctx, type);
      const existing = targets.find((t) => t.kind === kind);
      if (existing) existing.names.push(name);
      else targets.push({ kind, names: [name] });
    }
    return targets;
  }
  const [types, ...names] = args;
  const kinds: KindInfo[] = [];
  for (const t of types.split(',').filter(Boolean)) {
    if (t === 'all') kinds.push(...kindsInCategory(ctx, 'all'));
    else kinds.push(resolveKind(ctx, t));
  }
  if (names.length && kinds.length > 1) {
    throw new KubectlError('error: you may only specify a single resource type');
  }
  return kinds.map((kind) => ({ kind, names: [...names] }));
}

/** `pod`, `replicaset.apps`: the prefix of `-o name` and multi-kind tables. */
export function kindPrefix(kind: KindInfo): string {
  const k = kind.kind.toLowerCase();
  return kind.group ? `${k}.${kind.group}` : k;
}
