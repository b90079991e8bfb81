import type { Namespace } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import { rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer.ts';

/**
 * describeNamespace (staging/src/k8s.io/kubectl/pkg/describe/describe.go): name, labels,
 * annotations, phase, conditions if any, then the namespace's ResourceQuotas and LimitRanges.
 * The engine serves neither kind yet, so both lists are empty, as in a fresh real cluster:
 * `No resource quota.` and `No LimitRange resource.`. Namespace describe shows no events.
 */
export function describeNamespace(ns: Stored<Namespace>): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, '\n');
  w.write(LEVEL_0, 'No resource quota.\n');
  w.write(LEVEL_0, '\n');
  w.write(LEVEL_0, 'No LimitRange resource.\n');
  return w.text();
}
