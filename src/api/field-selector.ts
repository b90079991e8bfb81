import type { KubeObject } from '../store/object.ts';

/**
 * Field selectors (`metadata.name=x,spec.nodeName!=node1`): the fields the API server supports
 * for the kinds this engine serves (pkg/registry/core/pod/strategy.go ToSelectableFields, and the
 * event fields of pkg/registry/core/event/strategy.go).
 */
export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

const SUPPORTED: Record<string, readonly string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicationController: ['status.replicas'],
};

/** Parses `a=b,c!=d`; throws with the API server's message on an unsupported field. */
export function parseFieldSelector(text: string, kind: string): FieldRequirement[] {
  if (!text.trim()) return [];
  return text.split(',').map((part) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) throw new Error(`invalid selector: '${text}'; can't understand '${part}'`);
    const field = m[1].trim();
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && !(SUPPORTED[kind] ?? []).includes(field)) {
      throw new Error(`field label not supported: ${field}`);
    }
    return { field, op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() };
  });
}

/** Whether an object satisfies every requirement. */
export function matchesFields(obj: KubeObject, reqs: readonly FieldRequirement[]): boolean {
  return reqs.every((r) => {
    const v = fieldValue(obj, r.field);
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  if (path === 'source') return String((obj as { source?: { component?: string } }).source?.component ?? '');
  let cur: unknown = obj;
  for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}
