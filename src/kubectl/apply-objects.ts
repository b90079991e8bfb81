import { NoKindMatchError } from '../api/api-server.ts';
import type { KindInfo } from '../api/registry.ts';
import type { KubeObject } from '../store/object.ts';
import type { Invocation } from './command.ts';
import { KubectlError } from './errors.ts';
import type { ManifestObject } from './manifests.ts';

/**
 * The client-side checks kubectl runs on each object of a manifest before sending it: apiVersion
 * and kind present (schema validation), the kind known to the server (RESTMapper), and the
 * namespace consistent with -n. Returns the object ready to send, with its kind.
 */
export function prepareObject(inv: Invocation, m: ManifestObject, validate = true): { kind: KindInfo; object: KubeObject } {
  const obj = m.object;
  const missing = [...(!obj.apiVersion ? ['apiVersion not set'] : []), ...(!obj.kind ? ['kind not set'] : [])];
  if (missing.length) {
    if (validate) {
      throw new KubectlError(`error: error validating "${m.source}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    throw new KubectlError(`error: unable to decode "${m.source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  }
  let kind: KindInfo;
  try {
    kind = inv.ctx.api.kindOf(obj);
  } catch (e) {
    if (e instanceof NoKindMatchError) {
      throw new KubectlError(
        `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${m.source}": ${e.message}\nensure CRDs are installed first`,
      );
    }
    throw e;
  }
  const copy: KubeObject = { ...obj, metadata: { ...obj.metadata } };
  if (kind.namespaced) {
    const own = copy.metadata!.namespace;
    if (own && inv.explicitNamespace && own !== inv.namespace) {
      throw new KubectlError(`error: the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
    }
    copy.metadata!.namespace = own || inv.namespace;
  }
  return { kind, object: copy };
}
