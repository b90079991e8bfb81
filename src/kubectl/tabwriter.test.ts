import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESCRIBE, GET_TABLE, tabulate } from './tabwriter.ts';

test('kubectl get tables: column = longest cell + 3, at least 6; the last column is not padded', () => {
  // Observed with real kubectl 1.32 (shared/reference/kubectl-1.32-outputs/01-get_pods_.txt).
  const out = tabulate('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\np\t1/1\tRunning\t0\t2s\n', GET_TABLE);
  assert.equal(out, 'NAME   READY   STATUS    RESTARTS   AGE\np      1/1     Running   0          2s\n');
});

test('describe: consecutive tab lines share a width; a line without a tab ends the block', () => {
  const text = 'Name:\tp\nService Account:\tdefault\nIP:\t\nIPs:\n  IP:\t10.244.1.2\nControlled By:\tReplicaSet/x\n';
  const out = tabulate(text, DESCRIBE);
  assert.equal(
    out,
    [
      'Name:             p',
      'Service Account:  default',
      'IP:               ',
      'IPs:',
      '  IP:           10.244.1.2',
      'Controlled By:  ReplicaSet/x',
      '',
    ].join('\n'),
  );
});

test('nested columns are blocked inside their parent column', () => {
  const text = 'Conditions:\n  Type\tStatus\n  PodReadyToStartContainers \tTrue \n  Ready \tTrue \n';
  assert.equal(
    tabulate(text, DESCRIBE),
    'Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n  Ready                       True \n',
  );
});
