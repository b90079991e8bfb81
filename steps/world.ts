import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { Cluster } from '../src/cluster.ts';
import { tutorialCluster, uniformCluster, type ClusterConfig } from '../src/cluster-config.ts';
import type { Job } from '../src/shell/jobs.ts';
import type { ShellResult } from '../src/shell/shell.ts';
import { Terminal } from '../src/terminal.ts';
import { RolloutTracker } from '../src/timeline/rollout.ts';
import { scenarioFolder } from './paths.ts';

/**
 * The state of one scenario: its cluster, the terminal the user types into, and the last command's
 * result, which assertion steps read and mark as checked.
 */
export class KubespecWorld extends World {
  private current?: { cluster: Cluster; terminal: Terminal };
  /** Manifest folder for `-f` paths, set by a step or the feature's folder. */
  manifests = scenarioFolder('.');
  seed = 'kubespec';
  last?: ShellResult & { line: string };
  /** The store's resourceVersion when a step noted the cluster's state. */
  notedVersion?: number;
  /** Whether a step looked at the last result (a failed command nobody checked fails the scenario). */
  lastChecked = true;
  /** "The rollout" timeline steps look at: from a noted time, or from the last command that changed a workload. */
  rollout = new RolloutTracker();
  /** The background job `When I watch … while I run …` started. */
  watch?: Job;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Starts a cluster (replacing any earlier one). */
  start(config: ClusterConfig): Cluster {
    const cluster = new Cluster({ ...config, seed: this.seed, cwd: this.manifests });
    this.current = { cluster, terminal: new Terminal(cluster) };
    // Resource versions and jobs belong to one cluster and its terminal.
    this.rollout = new RolloutTracker();
    this.watch = undefined;
    return cluster;
  }

  get cluster(): Cluster {
    if (!this.current) this.start(tutorialCluster());
    return this.current!.cluster;
  }

  get terminal(): Terminal {
    if (!this.current) this.start(tutorialCluster());
    return this.current!.terminal;
  }

  get started(): boolean {
    return this.current !== undefined;
  }

  /** Runs a command line in the terminal, expanding remembered variables. */
  run(line: string): ShellResult {
    const { store, clock } = this.cluster;
    const before = store.resourceVersion, at = clock.now();
    const result = this.terminal.run(line);
    this.rollout.commandRan(store.history, before, store.resourceVersion, at);
    this.last = { ...result, line };
    this.lastChecked = false;
    return result;
  }

  /** The last result, marked as looked at. */
  checkLast(): ShellResult & { line: string } {
    if (!this.last) throw new Error('no command has been run yet');
    this.lastChecked = true;
    return this.last;
  }

  /** Replaces `$NAME` and `${NAME}` with remembered values. */
  expand(text: string): string {
    return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => this.terminal.shell.vars.get(name) ?? m);
  }

  /** A cluster of N uniform workers. */
  startUniform(workers: number): Cluster {
    return this.start(uniformCluster(workers));
  }
}

setWorldConstructor(KubespecWorld);
