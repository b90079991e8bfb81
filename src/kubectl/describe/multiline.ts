import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { byString } from './format.ts';
import { LEVEL_0, type DescribeWriter } from './writer.ts';

/**
 * The multi-line fields of kubectl describe (staging/src/k8s.io/kubectl/pkg/describe/describe.go:
 * printLabelsMultiline, printAnnotationsMultiline, printNodeTaintsMultiline,
 * printPodTolerationsMultiline). Each writes `Title:\t` and then one entry per line; later lines
 * start with a tab, so the entries line up under the first in the tabwriter's value column.
 */

/** Annotations describe never shows (skipAnnotations). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
/** maxAnnotationLen: longer `key: value` pairs are folded onto their own lines and shortened. */
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultiline: `Title:\tk=v`, sorted by key; `<none>` when empty. */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(byString);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => w.write(LEVEL_0, `${i ? '\t' : ''}${key}=${labels![key]}\n`));
}

/**
 * printAnnotationsMultiline: `key: value` (note `: `, not `=`); a value that is multi-line or makes
 * the pair longer than 140 characters goes under its key, each line indented and cut at 138.
 */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort(byString);
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i) w.write(LEVEL_0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    // Go measures len() in bytes.
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printNodeTaintsMultiline: sorted by `effect,key`; each as Taint.ToString (`key[=value]:effect`). */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints?.length) {
    w.line('<none>');
    return;
  }
  const sortKey = (t: Taint) => `${t.effect},${t.key}`;
  [...taints]
    .sort((a, b) => byString(sortKey(a), sortKey(b)))
    .forEach((t, i) => w.write(LEVEL_0, `${i ? '\t' : ''}${t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`}\n`));
}

/**
 * printPodTolerationsMultiline: sorted by key; `key[=value][:effect][ op=Exists][ for Ns]`, where a
 * bare `operator: Exists` (tolerates everything) prints just `op=Exists`.
 */
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations?.length) {
    w.line('<none>');
    return;
  }
  [...tolerations]
    .sort((a, b) => byString(a.key ?? '', b.key ?? ''))
    .forEach((t, i) => {
      let s = `${i ? '\t' : ''}${t.key ?? ''}`;
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
      w.write(LEVEL_0, `${s}\n`);
    });
}

function shorten(s: string, max: number): string {
  return byteLength(s) > max ? `${Buffer.from(s).subarray(0, max).toString()}...` : s;
}

function byteLength(s: string): number {
  return Buffer.byteLength(s);
}
