import type { ControllerRevision } from 'kubernetes-types/apps/v1.js';
import { GoValue, nonNegative, required, type FieldError } from '../field-errors.ts';
import type { KindInfo } from '../registry.ts';
import { immutable, validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';

/**
 * %#v of the runtime.RawExtension a changed `data` field error prints: the raw JSON as a byte
 * slice. (The server keeps the request's own bytes; here they are the value re-encoded.)
 */
function goRawExtension(data: unknown): GoValue {
  const bytes = [...new TextEncoder().encode(JSON.stringify(data) ?? 'null')].map((b) => `0x${b.toString(16)}`).join(', ');
  return new GoValue(`runtime.RawExtension{Raw:[]uint8{${bytes}}, Object:runtime.Object(nil)}`);
}

/** ValidateControllerRevision (pkg/apis/apps/validation/validation.go). */
function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, true, 'subdomain');
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...nonNegative(cr.revision, 'revision'));
  return errs;
}

/**
 * ControllerRevisions (apps/v1): immutable snapshots of a DaemonSet's (or StatefulSet's) pod
 * template, which the controllers keep for rollouts and `kubectl rollout history|undo`. Only
 * `data` is immutable; the controllers renumber `revision` when an old one becomes current again.
 */
export const controllerRevisionKind: KindInfo = {
  kind: 'ControllerRevision',
  group: 'apps',
  version: 'v1',
  resource: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  generation: false,
  strategy: {
    defaults(obj) {
      // `revision` is an int64 without omitempty: it is always there.
      (obj as ControllerRevision).revision ??= 0;
    },
    validate: (obj) => validateControllerRevision(obj as ControllerRevision),
    // ValidateControllerRevisionUpdate: metadata rules, the object as on create, data immutable.
    validateUpdate(obj, old) {
      const cr = obj as ControllerRevision;
      const before = old as ControllerRevision;
      return [...validateObjectMetaUpdate(cr.metadata, before.metadata), ...validateControllerRevision(cr), ...immutable(cr.data, before.data, 'data', goRawExtension(cr.data))];
    },
  },
};
