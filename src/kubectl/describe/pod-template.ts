import type { PodTemplateSpec, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { describeContainers } from './containers.ts';
import { byString, formatLabelSelector } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './multiline.ts';
import { describeVolumes } from './volumes.ts';
import { LEVEL_0, LEVEL_1, type DescribeWriter } from './writer.ts';

/**
 * DescribePodTemplate (describe.go): the template's labels, containers (without runtime state),
 * volumes, node selectors and tolerations, all indented two spaces under `Pod Template:`.
 */
export function describePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, '  ');
  describeVolumes(w, spec?.volumes, '  ');
  describeTopologySpreadConstraints(w, spec?.topologySpreadConstraints, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

/** describeTopologySpreadConstraints: sorted by topology key, one per line under the title. */
export function describeTopologySpreadConstraints(w: DescribeWriter, constraints: readonly TopologySpreadConstraint[] | undefined, space: string): void {
  if (!constraints?.length) return;
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  [...constraints]
    .sort((a, b) => byString(a.topologyKey, b.topologyKey))
    .forEach((c, i) => {
      const selector = c.labelSelector ? ` for selector ${formatLabelSelector(c.labelSelector)}` : '';
      w.write(LEVEL_0, `${i ? `${space}\t` : ''}${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded${selector}\n`);
    });
}
