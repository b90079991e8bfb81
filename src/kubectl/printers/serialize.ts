import yaml from 'js-yaml';

/** Recursively sorts object keys, as sigs.k8s.io/yaml and encoding/json do for unstructured objects. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** `kubectl get -o yaml`: sorted keys, sequences flush with their key, strings quoted only when needed. */
export function toYaml(value: unknown): string {
  return yaml.dump(sortKeys(value), { noArrayIndent: true, lineWidth: -1, quotingType: '"', noRefs: true });
}

/** `kubectl get -o json`: four-space indent, sorted keys. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`;
}

/** The List kubectl wraps several objects in. */
export function asList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
