import type { Pod } from 'kubernetes-types/core/v1.js';
import { parseRfc3339 } from '../sim/clock.ts';
import type { ImageBase, ImageEntry } from './image-catalogue.ts';

/** One entry of a container's filesystem. */
export interface FileNode {
  kind: 'file' | 'dir';
  /** File content (files only). */
  content?: string;
  /** Modification time, epoch ms. */
  mtime: number;
  /** Executables are listed `-rwxr-xr-x`. */
  executable?: boolean;
}

/** Top-level directories of the base images' root filesystems. */
const ROOT_DIRS: Record<ImageBase, string[]> = {
  alpine: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};

/** When an image does not say when it was built. */
const DEFAULT_CREATED = Date.UTC(2018, 2, 30, 12, 0, 0);

/** The cluster DNS service kubeadm sets up, and the cluster domain. */
const CLUSTER_DNS = '10.96.0.10';
const CLUSTER_DOMAIN = 'cluster.local';

/** What the filesystem of a running container is made of. */
export interface FilesInputs {
  pod: Pod;
  image: ImageEntry;
  /** `{{tag}}` in catalogue files. */
  tag: string;
  /** When the container started (the files the runtime writes then carry that time). */
  startedAt: number;
  /** Programs by absolute path, listed in their directories. */
  executables: readonly string[];
}

/**
 * The files a container sees: its image's files from the catalogue (with `{{tag}}` and `{{pod}}`
 * filled), the base image's top-level directories and programs, and the files the kubelet and
 * containerd bind-mount into every container (/etc/hosts, /etc/hostname, /etc/resolv.conf).
 */
export function containerFiles(input: FilesInputs): Map<string, FileNode> {
  const { pod, image } = input;
  const built = parseRfc3339(image.created) ?? DEFAULT_CREATED;
  const files = new Map<string, FileNode>();
  const addDirs = (path: string, mtime: number) => {
    for (let p = parentOf(path); p !== '/' && !files.has(p); p = parentOf(p)) files.set(p, { kind: 'dir', mtime });
  };
  files.set('/', { kind: 'dir', mtime: built });
  for (const d of ROOT_DIRS[image.base ?? 'alpine']) files.set(`/${d}`, { kind: 'dir', mtime: built });
  for (const exe of input.executables) {
    files.set(exe, { kind: 'file', content: '', mtime: built, executable: true });
    addDirs(exe, built);
  }
  const name = pod.metadata?.name ?? '';
  for (const [path, text] of Object.entries(image.files ?? {})) {
    files.set(path, { kind: 'file', content: text.replaceAll('{{tag}}', input.tag).replaceAll('{{pod}}', name), mtime: built });
    addDirs(path, built);
  }
  const hostname = pod.spec?.hostname || name;
  const started = input.startedAt;
  files.set('/etc/hostname', { kind: 'file', content: `${hostname}\n`, mtime: started });
  files.set('/etc/hosts', { kind: 'file', content: hostsFile(pod, hostname), mtime: started });
  files.set('/etc/resolv.conf', { kind: 'file', content: resolvConf(pod), mtime: started });
  addDirs('/etc/hosts', built);
  return files;
}

/** The immediate children of a directory, sorted as `ls` sorts them in the C locale. */
export function childrenOf(files: Map<string, FileNode>, dir: string): string[] {
  const prefix = dir === '/' ? '/' : `${dir.replace(/\/+$/, '')}/`;
  const out: string[] = [];
  for (const path of files.keys()) {
    if (path === '/' || !path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (rest && !rest.includes('/')) out.push(rest);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Normalises a path against the working directory `/`: `a/../b` → `/b`. */
export function resolvePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The kubelet's managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
function hostsFile(pod: Pod, hostname: string): string {
  let out = '# Kubernetes-managed hosts file.\n';
  out += '127.0.0.1\tlocalhost\n';
  out += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  out += 'fe00::0\tip6-localnet\n';
  out += 'fe00::0\tip6-mcastprefix\n';
  out += 'fe00::1\tip6-allnodes\n';
  out += 'fe00::2\tip6-allrouters\n';
  const sub = pod.spec?.subdomain;
  const ns = pod.metadata?.namespace ?? 'default';
  for (const ip of (pod.status?.podIPs ?? []).map((i) => i.ip)) {
    out += sub ? `${ip}\t${hostname}.${sub}.${ns}.svc.${CLUSTER_DOMAIN}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  }
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length) out += '\n# Entries added by HostAliases.\n';
  for (const alias of aliases) out += `${alias.ip}\t${(alias.hostnames ?? []).join('\t')}\n`;
  return out;
}

/** The resolv.conf of a ClusterFirst pod (pkg/kubelet/network/dns/dns.go). */
function resolvConf(pod: Pod): string {
  const ns = pod.metadata?.namespace ?? 'default';
  return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`;
}
