#!/usr/bin/env node
// `npm test`: type check, unit tests (node's test runner), every feature (cucumber), and coverage
// of both by c8 with a threshold. Ends with one line: `N passed, N failed` (scenarios plus unit tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const COVERAGE_LINES = 70;
const raw = 'reports/coverage/raw';
rmSync('reports/coverage', { recursive: true, force: true });
mkdirSync(raw, { recursive: true });
// Tests freeze every object the store holds, so code that mutates a stored object fails loudly.
const covered = { ...process.env, NODE_V8_COVERAGE: raw, KUBESPEC_FREEZE: '1' };
let ok = true;

function step(title, cmd, args, env = process.env) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) ok = false;
  return r.status === 0;
}

step('type check', 'npx', ['tsc', '--noEmit']);

const tests = ['src', 'steps', 'bench'].filter(existsSync).flatMap((dir) =>
  readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)),
);
step('unit tests', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=reports/unit.tap', ...tests], covered);
const tap = existsSync('reports/unit.tap') ? readFileSync('reports/unit.tap', 'utf8') : '';
const unitPass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
const unitFail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + (tap ? 0 : 1);

step('features', process.execPath, ['--import', 'tsx', 'node_modules/@cucumber/cucumber/bin/cucumber.js'], covered);
let scenarioPass = 0, scenarioFail = 0;
try {
  for (const feature of JSON.parse(readFileSync('reports/cucumber.json', 'utf8'))) {
    for (const el of feature.elements ?? []) {
      if (el.type && el.type !== 'scenario') continue;
      if ((el.steps ?? []).every((s) => s.result?.status === 'passed')) scenarioPass++;
      else scenarioFail++;
    }
  }
} catch {
  scenarioFail++;
}

step('coverage', 'npx', ['c8', 'report', '--temp-directory', raw, '--reports-dir', 'reports/coverage', '--reporter=text-summary', '--reporter=html',
  '--src', 'src', '--include', 'src/**', '--exclude', 'src/**/*.test.ts', '--check-coverage', '--lines', String(COVERAGE_LINES)]);

const passed = unitPass + scenarioPass, failed = unitFail + scenarioFail;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
