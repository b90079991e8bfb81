import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { groupResource } from '../../../api/registry.ts';
import type { KubeObject, Stored } from '../../../store/object.ts';
import { checkOutputFormat, objectName, OUTPUT_FLAG } from '../../apply/print.ts';
import type { Target } from '../../apply/targets.ts';
import type { Command, Invocation } from '../../command.ts';
import { CHANGE_CAUSE_ANNOTATION, replicaSetsOf, revisionOf } from '../../deployment-util.ts';
import { describePodTemplate } from '../../describe/pod-template.ts';
import { DescribeWriter } from '../../describe/writer.ts';
import { KubectlError } from '../../errors.ts';
import { evaluateJsonPath } from '../../jsonpath.ts';
import { toJson, toYaml } from '../../printers/serialize.ts';
import { DESCRIBE, TabWriter } from '../../tabwriter.ts';
import { applyDaemonSetHistory, byRevision, daemonSetHistory } from './daemonset-history.ts';
import { groupKindText, reportErrors, requireResources, rolloutTargets, TARGET_FLAGS, visitorError } from './resources.ts';

/**
 * kubectl rollout history (pkg/cmd/rollout/rollout_history.go, polymorphichelpers/history.go):
 * the revisions of each object's ReplicaSets with their change-cause, or with --revision one
 * revision's pod template; with -o the ReplicaSets themselves.
 */
export const rolloutHistoryCommand: Command = {
  name: 'history',
  flags: [...TARGET_FLAGS, OUTPUT_FLAG, { name: 'revision', type: 'int', default: 0 }, { name: 'show-managed-fields', type: 'bool' }],
  run(inv) {
    requireResources(inv);
    const revision = inv.flags.int('revision') ?? 0;
    if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}`);
    const { targets, errors } = rolloutTargets(inv);
    // OutputFlagSpecified: a non-empty -o.
    const output = inv.flags.string('output') || undefined;
    if (output) checkOutputFormat(inv);
    let printed = 0;
    for (const target of targets) {
      try {
        const viewer = historyViewerFor(inv, target);
        if (output) printed = printRevisions(inv, viewer.history(), revision, printed);
        // The name printer with the operation `<with revision #N>\n<history>`; its own newline ends it.
        else inv.output.write(`${objectName(target.object!)} ${revision > 0 ? `with revision #${revision}` : ''}\n${viewer.view(revision)}\n`);
      } catch (e) {
        errors.push(e);
      }
    }
    return reportErrors(inv, errors);
  },
};

/** HistoryViewer: each revision's object (GetHistory, for -o) and the text ViewHistory prints. */
interface HistoryViewer {
  history(): Map<number, KubeObject>;
  view(revision: number): string;
}

/** HistoryViewerFor: Deployments through their ReplicaSets, DaemonSets through their ControllerRevisions. */
function historyViewerFor(inv: Invocation, target: Target): HistoryViewer {
  const gk = groupKindText(target.kind);
  const noVisitor = visitorError(target.kind);
  if (noVisitor) throw new Error(`error retrieving history for "${gk}", ${noVisitor}`);
  if (target.kind.kind === 'Deployment') {
    const history = deploymentHistory(inv, target);
    return { history: () => history, view: (revision) => viewHistory(history, revision) };
  }
  if (target.kind.kind === 'DaemonSet') return daemonSetHistoryViewer(inv, target);
  if (target.kind.kind === 'StatefulSet') throw new Error(`kubespec does not keep ControllerRevision history for ${gk} yet`);
  throw new Error(`no history viewer has been implemented for "${gk}"`);
}

/**
 * DaemonSetHistoryViewer: GetHistory gives the DaemonSet as each revision would make it;
 * ViewHistory the revisions' change-causes, or one revision's template (without a change-cause
 * annotation, unlike a Deployment's).
 */
function daemonSetHistoryViewer(inv: Invocation, target: Target): HistoryViewer {
  const { ds, history } = daemonSetHistory(inv.ctx, target.namespace, target.name);
  return {
    history: () => new Map([...byRevision(history)].map(([r, h]) => [r, applyDaemonSetHistory(ds, h)])),
    view: (revision) => viewHistory(byRevision(history), revision, (h) => applyDaemonSetHistory(ds, h).spec?.template ?? {}),
  };
}

/**
 * DeploymentHistoryViewer.GetHistory: each revision's ReplicaSet, the old ones by age and then
 * the new one, a later one taking a revision an earlier one also claims. ReplicaSets whose
 * revision annotation does not parse are left out.
 */
function deploymentHistory(inv: Invocation, target: Target): Map<number, Stored<ReplicaSet>> {
  const deployment = inv.ctx.api.get<Deployment>(groupResource(target.kind), target.namespace, target.name);
  const { old, newReplicaSet } = replicaSetsOf(inv.ctx, deployment);
  const history = new Map<number, Stored<ReplicaSet>>();
  for (const rs of newReplicaSet ? [...old, newReplicaSet] : old) {
    const v = revisionOf(rs);
    if (v !== undefined) history.set(v, rs);
  }
  return history;
}

/**
 * ViewHistory: the REVISION / CHANGE-CAUSE table (the cause from each revision's object), one
 * revision's template, or `No rollout history found.`
 */
export function viewHistory<T extends KubeObject>(history: ReadonlyMap<number, T>, revision: number, templateOf: (obj: T) => PodTemplateSpec = templateWithChangeCause): string {
  if (history.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const obj = history.get(revision);
    if (!obj) throw new KubectlError('error: unable to find the specified revision');
    return printTemplate(templateOf(obj));
  }
  const tab = new TabWriter(DESCRIBE);
  tab.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...history.keys()].sort((a, b) => a - b)) {
    tab.write(`${r}\t${history.get(r)!.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>'}\n`);
  }
  return tab.flush();
}

/** The ReplicaSet's pod template with the ReplicaSet's change-cause among its annotations. */
function templateWithChangeCause(obj: KubeObject): PodTemplateSpec {
  const rs = obj as ReplicaSet;
  const template = structuredClone(rs.spec?.template ?? {});
  const cause = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION];
  if (cause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: cause } };
  return template;
}

/** printTemplate: DescribePodTemplate onto a plain PrefixWriter, so its tabs are printed as tabs. */
export function printTemplate(template: PodTemplateSpec): string {
  const w = new DescribeWriter(true);
  describePodTemplate(w, template);
  return w.text();
}

/**
 * `-o`: each revision's object (a Deployment's ReplicaSet, a DaemonSet as the revision makes it)
 * in revision order (or the one asked for), through one printer, so YAML documents after the
 * first start with `---`. Returns how many objects it has printed.
 */
function printRevisions(inv: Invocation, history: ReadonlyMap<number, KubeObject>, revision: number, printed: number): number {
  const format = inv.flags.string('output') ?? '';
  // Printing a revision that does not exist makes kubectl 1.32 print a nil object (it panics);
  // kubespec prints nothing.
  const revisions = revision > 0 ? (history.has(revision) ? [revision] : []) : [...history.keys()].sort((a, b) => a - b);
  for (const r of revisions) {
    const rs = history.get(r)!;
    if (format === 'name') inv.output.out(objectName(rs));
    else if (format === 'yaml') inv.output.out(`${printed ? '---\n' : ''}${toYaml(rs)}`);
    else if (format === 'json') inv.output.out(toJson(rs));
    else inv.output.write(evaluateJsonPath(format.slice(format.indexOf('=') + 1), rs));
    printed++;
  }
  return printed;
}
