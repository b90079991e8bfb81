import type { ApiServer } from '../api/api-server.ts';
import type { EventRecorder } from '../api/events.ts';
import type { ImageCatalogue } from '../node/image-catalogue.ts';
import type { Kubelet } from '../node/kubelet.ts';
import type { Clock } from '../sim/clock.ts';
import type { Random } from '../sim/random.ts';
import type { Store } from '../store/store.ts';

/** What kubectl talks to: the cluster's API, plus what a terminal next to it can see. */
export interface KubectlContext {
  readonly api: ApiServer;
  readonly store: Store;
  readonly clock: Clock;
  readonly events: EventRecorder;
  readonly kubelet: Kubelet;
  readonly images: ImageCatalogue;
  /** The cluster's seeded random source, for what kubectl itself randomises (utilrand suffixes). */
  readonly random?: Random;
  /** Folder relative paths on the command line are resolved against. */
  readonly cwd: string;
  /** Reads a file named on the command line (`-f rs-damo.yaml`). */
  readFile(path: string): string;
  /** Runs the cluster's work at the current instant (controllers react to a write). */
  reconcile(): void;
  /** Lets virtual time pass until `done()` holds or `timeoutMs` passed; returns whether it held. */
  waitUntil(done: () => boolean, timeoutMs: number): boolean;
}

/** A command still running after it returned (`get -w`): what it printed since the last read, and how to stop it. */
export interface KubectlStream {
  read(): string;
  stop(): void;
}

/** Interactive parts a command may need: an editor for `kubectl edit`, stdin for `-f -`, a terminal to keep running in. */
export interface KubectlIO {
  /** Receives the text kubectl would open in $EDITOR and returns the edited text. */
  editor?: (text: string) => string;
  stdin?: string;
  /** Takes a command that keeps running after it returns (`get -w`); without it, such a command stops at once. */
  keepRunning?: (stream: KubectlStream) => void;
}

/** What a terminal shows after a command. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Both streams interleaved as written, as a terminal shows them. */
  display: string;
}
