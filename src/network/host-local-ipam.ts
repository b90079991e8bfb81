/**
 * The host-local IPAM plugin flannel uses: addresses from the node's pod range, starting after the
 * gateway (.1) and continuing from the last one handed out, so a freed address is not reused at once.
 */
export class HostLocalIpam {
  private readonly base: number;
  private readonly size: number;
  private last: number;
  private readonly used = new Set<number>();

  constructor(cidr: string) {
    const [addr, bits] = cidr.split('/');
    const prefix = Number(bits);
    this.size = 2 ** (32 - prefix);
    this.base = ipToInt(addr) & ~(this.size - 1);
    this.last = 1;
  }

  /** The next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    for (let i = 1; i <= this.size - 3; i++) {
      const offset = ((this.last - 2 + i) % (this.size - 3)) + 2;
      if (!this.used.has(offset)) {
        this.used.add(offset);
        this.last = offset;
        return intToIp(this.base + offset);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip) - this.base);
  }

  /** The gateway (cni0) address. */
  get gateway(): string {
    return intToIp(this.base + 1);
  }
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
