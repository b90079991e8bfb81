import { After, Before, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { scenarioFolder } from './paths.ts';
import type { KubespecWorld } from './world.ts';

setDefaultTimeout(60_000);

Before(function (this: KubespecWorld, { pickle }) {
  // features/<chapter>/x.feature reads its manifests from scenarios/<chapter>/, as the tutorial's shell would.
  const m = /features\/(.+)\/[^/]+\.feature$/.exec(pickle.uri.replaceAll('\\', '/'));
  if (m) this.manifests = scenarioFolder(m[1]);
});

After(function (this: KubespecWorld, { result }) {
  if (this.started && this.terminal.transcript.length) this.attach(this.terminal.text(), { mediaType: 'text/plain', fileName: 'kubectl transcript' });
  // cucumber-js's verifiedLastRunError: a failing command nobody checked must not pass unnoticed.
  if (result?.status === Status.PASSED && this.last && this.last.exitCode !== 0 && !this.lastChecked) {
    throw new Error(`the last command failed and no step checked it:\n$ ${this.last.line}\n${this.last.stderr}`);
  }
});
