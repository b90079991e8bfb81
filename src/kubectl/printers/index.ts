import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { horizontalPodAutoscalerPrinter } from './autoscaling.ts';
import { cronJobPrinter } from './cronjobs.ts';
import { controllerRevisionPrinter, daemonSetPrinter } from './daemonsets.ts';
import { eventPrinter } from './events.ts';
import { jobPrinter } from './jobs.ts';
import { nodePrinter } from './nodes.ts';
import { podPrinter } from './pods.ts';
import { col, type TablePrinter } from './table.ts';
import { deploymentPrinter, namespacePrinter, replicaSetPrinter, replicationControllerPrinter, serviceAccountPrinter } from './workloads.ts';

const PRINTERS: Record<string, TablePrinter<never>> = {
  pods: podPrinter,
  'replicasets.apps': replicaSetPrinter,
  'deployments.apps': deploymentPrinter,
  'daemonsets.apps': daemonSetPrinter,
  'controllerrevisions.apps': controllerRevisionPrinter,
  replicationcontrollers: replicationControllerPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  events: eventPrinter,
  serviceaccounts: serviceAccountPrinter,
  'horizontalpodautoscalers.autoscaling': horizontalPodAutoscalerPrinter,
  'cronjobs.batch': cronJobPrinter,
  'jobs.batch': jobPrinter,
};

/** printObjectMeta: NAME AGE for resources without a printer of their own. */
const defaultPrinter: TablePrinter = {
  columns: [col('Name', 'Name must be unique within a namespace.'), col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (obj, now) => [obj.metadata.name, age(obj.metadata.creationTimestamp, now)],
};

/** The table printer for a group-qualified resource. */
export function printerFor(gr: string): TablePrinter<Stored> {
  return (PRINTERS[gr] as TablePrinter<Stored> | undefined) ?? defaultPrinter;
}

/** Registers a printer (later kinds add theirs). */
export function registerPrinter(gr: string, printer: TablePrinter<never>): void {
  PRINTERS[gr] = printer;
}
