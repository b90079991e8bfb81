import type { Namespace } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/errors.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import type { ControllerContext } from './context.ts';

/**
 * The service-account controller (pkg/controller/serviceaccount): every active namespace has a
 * `default` ServiceAccount, which pod admission requires.
 */
export class ServiceAccountController {
  readonly name = 'serviceaccount-controller';
  readonly queue = new WorkQueue('serviceaccount-controller');

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.watch('namespaces', (e) => {
      if (e.type !== 'DELETED') this.queue.add(e.object.metadata.name);
    });
    ctx.sim.watch('serviceaccounts', (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === 'default') this.queue.add(e.object.metadata.namespace ?? '');
    });
    ctx.sim.register(this);
  }

  sync(namespace: string): void {
    const ns = this.ctx.store.get<Namespace>('namespaces', undefined, namespace);
    if (!ns || ns.status?.phase !== 'Active') return;
    if (this.ctx.store.get('serviceaccounts', namespace, 'default')) return;
    try {
      this.ctx.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }
}
