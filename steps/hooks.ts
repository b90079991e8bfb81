import { After, Before, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { podChart } from '../src/timeline/pod-chart.ts';
import { spanUntilNow } from '../src/timeline/span.ts';
import { scenarioFolder } from './paths.ts';
import type { KubespecWorld } from './world.ts';

setDefaultTimeout(60_000);

Before(function (this: KubespecWorld, { pickle }) {
  // features/<chapter>/x.feature reads its manifests from scenarios/<chapter>/, as the tutorial's shell would.
  const m = /features\/(.+)\/[^/]+\.feature$/.exec(pickle.uri.replaceAll('\\', '/'));
  if (m) this.manifests = scenarioFolder(m[1]);
});

After(function (this: KubespecWorld, { result }) {
  if (this.started) {
    // The scenario ends: background jobs (kubectl get -w &) print their last rows and stop.
    this.terminal.close();
    if (this.terminal.transcript.length) this.attach(this.terminal.text(), { mediaType: 'text/plain', fileName: 'kubectl transcript' });
    // A scenario that changed a workload gets a picture of its pods, from that first change on.
    const first = this.rollout.first;
    if (first) {
      const svg = podChart(this.cluster.store, spanUntilNow(this.cluster.store, first.fromRv, first.fromTime, this.cluster.clock.now()));
      // The HTML report shows only base64 images, so the SVG goes as bytes.
      this.attach(Buffer.from(svg, 'utf8'), { mediaType: 'image/svg+xml', fileName: 'pods per ReplicaSet' });
    }
  }
  // cucumber-js's verifiedLastRunError: a failing command nobody checked must not pass unnoticed.
  if (result?.status === Status.PASSED && this.last && this.last.exitCode !== 0 && !this.lastChecked) {
    throw new Error(`the last command failed and no step checked it:\n$ ${this.last.line}\n${this.last.stderr}`);
  }
});
