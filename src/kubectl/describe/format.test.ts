import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeProbe } from './containers.ts';
import { describeEvents } from './events.ts';
import { rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printTaintsMultiline, printTolerationsMultiline } from './multiline.ts';
import { addQuantity, formatQuantity, parseQuantity } from './quantity.ts';
import { DescribeWriter } from './writer.ts';

test('Quantity.String: canonical forms', () => {
  const cases: [string, string][] = [
    ['0', '0'],
    ['2', '2'],
    ['110', '110'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['3880620Ki', '3880620Ki'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['100M', '100M'],
    ['48294789041', '48294789041'],
    ['1e3', '1e3'],
    ['12e6', '12e6'],
  ];
  for (const [input, canonical] of cases) assert.equal(formatQuantity(parseQuantity(input)), canonical, input);
  // A sum takes the first addend's format; a zero receiver takes the addend's.
  assert.equal(formatQuantity(addQuantity(parseQuantity('64Mi'), parseQuantity('64Mi'))), '128Mi');
  assert.equal(formatQuantity(addQuantity(parseQuantity('100M'), parseQuantity('28Mi'))), '129360128');
  assert.equal(formatQuantity(addQuantity(parseQuantity('0'), parseQuantity('1Gi'))), '1Gi');
});

test('time.RFC1123Z in UTC', () => {
  assert.equal(rfc1123z('2018-09-06T06:57:03Z'), 'Thu, 06 Sep 2018 06:57:03 +0000');
  assert.equal(rfc1123z('2025-01-01T00:00:00Z'), 'Wed, 01 Jan 2025 00:00:00 +0000');
});

function render(write: (w: DescribeWriter) => void): string {
  const w = new DescribeWriter();
  write(w);
  return w.text();
}

test('tolerations: sorted by key, op=Exists alone for a match-everything toleration', () => {
  const out = render((w) =>
    printTolerationsMultiline(w, 'Tolerations', [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
    ]),
  );
  assert.equal(
    out,
    [
      'Tolerations:  op=Exists',
      '              CriticalAddonsOnly op=Exists',
      '              dedicated=gpu:NoSchedule',
      '              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      '',
    ].join('\n'),
  );
});

test('taints: sorted by effect then key, key=value:effect', () => {
  const out = render((w) =>
    printTaintsMultiline(w, 'Taints', [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
    ]),
  );
  assert.equal(out, 'Taints:  node.kubernetes.io/unreachable:NoExecute\n         dedicated=gpu:NoSchedule\n         node.kubernetes.io/unreachable:NoSchedule\n');
});

test('annotations: last-applied-configuration hidden; long or multi-line values folded under their key', () => {
  const long = 'x'.repeat(150);
  const out = render((w) =>
    printAnnotationsMultiline(w, 'Annotations', {
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}\n',
      b: 'line one\nline two\n',
      a: long,
      c: 'short',
    }),
  );
  assert.equal(
    out,
    ['Annotations:  a:', `                ${'x'.repeat(138)}...`, '              b:', '                line one', '                line two', '              c: short', ''].join('\n'),
  );
  assert.equal(render((w) => printAnnotationsMultiline(w, 'Annotations', { 'kubectl.kubernetes.io/last-applied-configuration': '{}' })), 'Annotations:  <none>\n');
});

test('probes: DescribeProbe wording', () => {
  const attrs = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  assert.equal(describeProbe({ httpGet: { path: '/', port: 80, scheme: 'HTTP' }, ...attrs }), 'http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3');
  assert.equal(describeProbe({ httpGet: { path: '/healthz', port: 'http', host: '10.0.0.1', scheme: 'HTTPS' }, ...attrs }), 'http-get https://10.0.0.1:http/healthz delay=0s timeout=1s period=10s #success=1 #failure=3');
  assert.equal(describeProbe({ tcpSocket: { port: 6379 }, initialDelaySeconds: 15, ...attrs }), 'tcp-socket :6379 delay=15s timeout=1s period=10s #success=1 #failure=3');
  assert.equal(describeProbe({ exec: { command: ['cat', '/tmp/healthy'] }, ...attrs }), 'exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=3');
});

test('events: sorted by lastTimestamp with undated (events.k8s.io) ones first; series and counts', () => {
  const now = Date.parse('2018-09-06T07:00:00Z');
  const meta = (name: string) => ({ name, namespace: 'default', uid: name, resourceVersion: '1' });
  const events = [
    { apiVersion: 'v1', kind: 'Event', metadata: meta('p.3'), type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container  ', source: { component: 'kubelet', host: 'node1' }, firstTimestamp: '2018-09-06T06:57:10Z', lastTimestamp: '2018-09-06T06:59:00Z', count: 7 },
    { apiVersion: 'v1', kind: 'Event', metadata: meta('p.2'), type: 'Normal', reason: 'Pulled', message: 'pulled', source: { component: 'kubelet', host: 'node1' }, firstTimestamp: '2018-09-06T06:57:05Z', lastTimestamp: '2018-09-06T06:57:05Z', count: 1 },
    { apiVersion: 'v1', kind: 'Event', metadata: meta('p.1'), type: 'Warning', reason: 'FailedScheduling', message: 'no nodes', source: {}, reportingComponent: 'default-scheduler', eventTime: '2018-09-06T06:57:00.000000Z', series: { count: 3, lastObservedTime: '2018-09-06T06:58:30.000000Z' } },
  ];
  const out = render((w) => describeEvents(w, events as never, now));
  assert.equal(
    out,
    [
      'Events:',
      '  Type     Reason            Age                  From               Message',
      '  ----     ------            ----                 ----               -------',
      '  Warning  FailedScheduling  90s (x3 over 3m)     default-scheduler  no nodes',
      '  Normal   Pulled            2m55s                kubelet            pulled',
      '  Warning  BackOff           60s (x7 over 2m50s)  kubelet            Back-off restarting failed container',
      '',
    ].join('\n'),
  );
});
