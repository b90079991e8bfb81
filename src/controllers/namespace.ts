import type { Namespace } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/errors.ts';
import { groupResource } from '../api/registry.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import type { ControllerContext } from './context.ts';

/**
 * The namespace controller (pkg/controller/namespace/deletion): a namespace being deleted has
 * everything in it deleted; once nothing is left it clears spec.finalizers (the finalize
 * subresource) and the API server removes it.
 */
export class NamespaceController {
  readonly name = 'namespace-controller';
  readonly queue = new WorkQueue('namespace-controller');

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.watch('namespaces', (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name);
    });
    for (const kind of ctx.api.kinds.all().filter((k) => k.namespaced)) {
      ctx.sim.watch(groupResource(kind), (e) => {
        const ns = e.object.metadata.namespace;
        if (e.type === 'DELETED' && ns && this.terminating(ns)) this.queue.add(ns);
      });
    }
    ctx.sim.register(this);
  }

  private terminating(name: string): boolean {
    return !!this.ctx.store.get('namespaces', undefined, name)?.metadata.deletionTimestamp;
  }

  sync(name: string): void {
    const ns = this.ctx.store.get<Namespace>('namespaces', undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    for (const kind of this.ctx.api.kinds.all().filter((k) => k.namespaced)) {
      const gr = groupResource(kind);
      for (const obj of this.ctx.store.list(gr, name)) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          this.ctx.api.delete(gr, name, obj.metadata.name, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
        }
      }
    }
    // What is left (pods in their grace period) brings us back when it is removed.
    if (this.countLeft(name) === 0) this.finalize(ns);
  }

  private countLeft(name: string): number {
    return this.ctx.api.kinds.all().filter((k) => k.namespaced).reduce((n, k) => n + this.ctx.store.list(groupResource(k), name).length, 0);
  }

  private finalize(ns: Namespace & { metadata: { name: string } }): void {
    try {
      this.ctx.api.update({ ...ns, spec: { ...ns.spec, finalizers: [] } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }
}
