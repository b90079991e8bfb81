import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Kubelet } from '../node/kubelet.ts';
import { parseImage } from '../node/image-catalogue.ts';
import type { Store } from '../store/store.ts';

/** The answer to a simulated HTTP request, or the connection error curl would report. */
export type HttpResponse = { ok: true; status: number; body: string; pod: string } | { ok: false; error: string };

/**
 * An HTTP GET to a pod IP, as a node of the cluster sends it (flannel routes every pod range from
 * every node): the pod's containers answer from the image catalogue's routes, with `{{tag}}` and
 * `{{pod}}` filled in.
 */
export function requestPod(store: Store, kubelet: Kubelet, ip: string, port: number, path: string): HttpResponse {
  const refused = { ok: false as const, error: `Failed to connect to ${ip} port ${port} after 0 ms: Couldn't connect to server` };
  const pod = store.byIndex<Pod>('pods', 'ip', ip).find((p) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''));
  if (!pod) return { ok: false, error: `Failed to connect to ${ip} port ${port} after 3064 ms: No route to host` };
  const rt = kubelet.runtime(`${pod.metadata.namespace}/${pod.metadata.name}`);
  if (!rt) return refused;
  for (const c of rt.containers) {
    if (c.phase !== 'running') continue;
    const http = kubelet.images.lookup(c.image).http;
    if (!http || http.port !== port) continue;
    const route = http.routes[path] ?? http.routes[path.replace(/\/$/, '')] ?? (path === '' ? http.routes['/'] : undefined);
    kubelet.metrics.recordRequest(pod);
    const tag = parseImage(c.image).tag;
    if (route === undefined) {
      return { ok: true, status: 404, pod: pod.metadata.name, body: notFoundPage() };
    }
    return { ok: true, status: 200, pod: pod.metadata.name, body: route.replaceAll('{{tag}}', tag).replaceAll('{{pod}}', pod.metadata.name) };
  }
  return refused;
}

function notFoundPage(): string {
  return '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body bgcolor="white">\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.12.2</center>\r\n</body>\r\n</html>\r\n';
}
