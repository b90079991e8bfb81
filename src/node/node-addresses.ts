import type { Node } from 'kubernetes-types/core/v1.js';

/** An IPv4 address as a number. */
function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function ipText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * The InternalIP and pod range the next node to join gets, in the pattern of the nodes already
 * there: the address after the highest node address, and the /24 after the highest pod range
 * (as kube-controller-manager's range allocator hands out flannel's 10.244.N.0/24 in order).
 * The tutorial's master, node1 and node2 (…103–105, 10.244.0–2.0/24) make node3 …106, 10.244.3.0/24.
 */
export function nextNodeAddresses(nodes: readonly Node[]): { ip: string; podCIDR: string } {
  let ip = ipNumber('192.168.0.1');
  let range = ipNumber('10.244.0.0') - 256;
  for (const node of nodes) {
    for (const a of node.status?.addresses ?? []) if (a.type === 'InternalIP') ip = Math.max(ip, ipNumber(a.address));
    const cidr = node.spec?.podCIDR;
    if (cidr) range = Math.max(range, ipNumber(cidr.split('/')[0]));
  }
  return { ip: ipText(ip + 1), podCIDR: `${ipText(range + 256)}/24` };
}
