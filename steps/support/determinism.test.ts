import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every scenario's transcript attachment from one cucumber run, by scenario id. */
function transcripts(report: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const feature of JSON.parse(readFileSync(report, 'utf8'))) {
    for (const el of feature.elements ?? []) {
      const texts = (el.steps ?? []).flatMap((s: { embeddings?: { data: string }[] }) => (s.embeddings ?? []).map((e) => Buffer.from(e.data, 'base64').toString('utf8')));
      out.set(`${feature.uri}:${el.line}`, texts.join('\n'));
    }
  }
  return out;
}

test('running the features twice gives byte-identical kubectl transcripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubespec-determinism-'));
  try {
    const runs = ['a', 'b'].map((name) => {
      const report = join(dir, `${name}.json`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/@cucumber/cucumber/bin/cucumber.js', '--format', `json:${report}`, '--format', 'summary'], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      return transcripts(report);
    });
    assert.ok(runs[0].size > 5);
    for (const [id, text] of runs[0]) assert.equal(runs[1].get(id), text, `transcript of ${id} differs between runs`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
