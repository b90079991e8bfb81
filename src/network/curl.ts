import type { Kubelet } from '../node/kubelet.ts';
import type { Store } from '../store/store.ts';
import type { ShellResult } from '../shell/shell.ts';
import { requestPod } from './http.ts';

/**
 * `curl` run on a cluster node: `curl [-s] [-i] [-H 'Host: x'] [http://]HOST[:PORT][/PATH]`.
 * Pod IPs answer from their containers; anything else cannot be reached.
 */
export function curl(store: Store, kubelet: Kubelet, argv: string[]): ShellResult {
  let url: string | undefined;
  let include = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-H' || a === '--header' || a === '-o' || a === '-m' || a === '--max-time' || a === '--connect-timeout') i++;
    else if (a === '-i' || a === '--include') include = true;
    else if (a.startsWith('-')) continue;
    else url = a;
  }
  if (!url) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return { stdout: '', stderr: `curl: (3) URL rejected: Malformed input to a URL function\n`, exitCode: 3 };
  const [, scheme = 'http', host, port, path = '/'] = m;
  const portNumber = port ? Number(port) : scheme === 'https' ? 443 : 80;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { stdout: '', stderr: `curl: (6) Could not resolve host: ${host}\n`, exitCode: 6 };
  const r = requestPod(store, kubelet, host, portNumber, path);
  if (!r.ok) return { stdout: '', stderr: `curl: (7) ${r.error}\n`, exitCode: 7 };
  const head = include ? `HTTP/1.1 ${r.status} ${r.status === 200 ? 'OK' : 'Not Found'}\r\nServer: nginx/1.12.2\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n\r\n` : '';
  return { stdout: head + r.body, stderr: '', exitCode: 0 };
}
