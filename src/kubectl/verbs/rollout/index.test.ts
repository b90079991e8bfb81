import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, ScriptedCluster } from './testing.ts';

test('rollout with an unknown subcommand: DefaultSubCommandRun\'s RequireNoArguments', () => {
  assert.deepEqual(kubectl(new ScriptedCluster(), ['rollout', 'rewind', 'deployment/x']), {
    stdout: '',
    stderr: "error: unknown command \"rewind deployment/x\"\nSee 'kubectl rollout -h' for help and examples\n",
    exitCode: 1,
  });
});
