import type { FieldError } from './field-errors.ts';
import type { KubeObject } from '../store/object.ts';

/** Context a strategy or admission plugin may consult. */
export interface RequestContext {
  /** Virtual time now, RFC 3339. */
  readonly now: string;
  /** Random suffixes (e.g. the kube-api-access volume name). */
  randomSuffix(n: number): string;
  /** Reads another object (admission looks up service accounts, namespaces). */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /**
   * The uid the object being created will get (rest.FillObjectMetaSystemFields runs before
   * PrepareForCreate): a Job's generated selector names it. Drawn on first use only.
   */
  uid(): string;
}

/**
 * What the API server does for one kind, as in k8s's registry strategies: defaulting
 * (pkg/apis/<group>/v1/defaults.go), PrepareForCreate/PrepareForUpdate, validation.
 * Each hook receives a private copy it may modify in place.
 */
export interface Strategy {
  defaults?(obj: KubeObject): void;
  prepareForCreate?(obj: KubeObject, ctx: RequestContext): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Admission on DELETE (e.g. the system namespaces may not be deleted); throws to refuse. */
  admitDelete?(obj: KubeObject): void;
  /** Kind-specific finalizers still pending (a namespace's spec.finalizers), which delay removal. */
  pendingFinalizers?(obj: KubeObject): boolean;
  /** What a delete that must wait changes besides deletionTimestamp (a namespace turns Terminating). */
  prepareForDelete?(obj: KubeObject): void;
  /**
   * The status strategy's PrepareForUpdate: what a status write (PUT …/status) may change besides
   * status, taken from `input` into `obj` (the stored object with the new status). Default: nothing.
   */
  prepareForStatusUpdate?(obj: KubeObject, input: KubeObject): void;
}

/**
 * One served kind. Group, version, resource, short names and scope are those of discovery on a
 * v1.32 cluster (`kubectl api-resources`).
 */
export interface KindInfo {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  /** Plural resource name, e.g. `replicasets`. */
  readonly resource: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  readonly categories: readonly string[];
  /** Status lives in a subresource: updates of the object ignore it, and vice versa. */
  readonly statusSubresource: boolean;
  /** metadata.generation is kept and bumped on spec changes. */
  readonly generation: boolean;
  readonly strategy: Strategy;
  /**
   * Older versions also served, each with its conversion to this one (autoscaling/v1 for
   * HorizontalPodAutoscalers): objects written in them are converted before anything else.
   */
  readonly olderVersions?: Readonly<Record<string, (obj: KubeObject) => KubeObject>>;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(k: Pick<KindInfo, 'group' | 'version'>): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** `replicasets.apps` or `pods`: the store's resource key and the name used in messages. */
export function groupResource(k: Pick<KindInfo, 'group' | 'resource'>): string {
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}

/** Splits `apps/v1` into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Looks kinds up by kind and apiVersion, or by the names kubectl accepts for a resource. */
export class KindRegistry {
  private readonly kinds: KindInfo[] = [];

  constructor(kinds: readonly KindInfo[]) {
    for (const k of kinds) this.add(k);
  }

  add(kind: KindInfo): void {
    this.kinds.push(kind);
  }

  all(): readonly KindInfo[] {
    return this.kinds;
  }

  /** The kind served at `apiVersion` (exact match, or an older version it converts), e.g. (`apps/v1`, `ReplicaSet`). */
  byKind(apiVersion: string, kind: string): KindInfo | undefined {
    const { group, version } = parseApiVersion(apiVersion);
    return this.kinds.find((k) => k.kind === kind && k.group === group && (k.version === version || !!k.olderVersions?.[version]));
  }

  /** The kind stored under the group-qualified resource `gr` (`replicasets.apps`). */
  byGroupResource(gr: string): KindInfo | undefined {
    return this.kinds.find((k) => groupResource(k) === gr);
  }

  /**
   * Resolves what a user types: `pods`, `pod`, `po`, `Pod`, `replicasets.apps`, `rs.apps`,
   * `replicasets.v1.apps`; case-insensitive like kubectl's RESTMapper.
   */
  resolve(name: string): KindInfo | undefined {
    const [first, ...rest] = name.split('.');
    const lower = first.toLowerCase();
    let group: string | undefined;
    let version: string | undefined;
    if (rest.length) {
      if (/^v\d+((alpha|beta)\d+)?$/.test(rest[0])) {
        version = rest[0];
        group = rest.slice(1).join('.');
      } else {
        group = rest.join('.');
      }
    }
    return this.kinds.find(
      (k) =>
        (group === undefined || k.group === group) &&
        (version === undefined || k.version === version || !!k.olderVersions?.[version]) &&
        (k.resource === lower || k.singular === lower || k.shortNames.includes(lower) || k.kind.toLowerCase() === lower),
    );
  }
}
