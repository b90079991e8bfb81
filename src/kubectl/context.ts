import type { ApiServer } from '../api/api-server.ts';
import type { EventRecorder } from '../api/events.ts';
import type { ImageCatalogue } from '../node/image-catalogue.ts';
import type { Kubelet } from '../node/kubelet.ts';
import type { Clock } from '../sim/clock.ts';
import type { Store } from '../store/store.ts';

/** What kubectl talks to: the cluster's API, plus what a terminal next to it can see. */
export interface KubectlContext {
  readonly api: ApiServer;
  readonly store: Store;
  readonly clock: Clock;
  readonly events: EventRecorder;
  readonly kubelet: Kubelet;
  readonly images: ImageCatalogue;
  /** Folder relative paths on the command line are resolved against. */
  readonly cwd: string;
  /** Reads a file named on the command line (`-f rs-damo.yaml`). */
  readFile(path: string): string;
  /** Runs the cluster's work at the current instant (controllers react to a write). */
  reconcile(): void;
  /** Lets virtual time pass until `done()` holds or `timeoutMs` passed; returns whether it held. */
  waitUntil(done: () => boolean, timeoutMs: number): boolean;
}

/** Interactive parts a command may need: an editor for `kubectl edit`, stdin for `-f -`. */
export interface KubectlIO {
  /** Receives the text kubectl would open in $EDITOR and returns the edited text. */
  editor?: (text: string) => string;
  stdin?: string;
}

/** What a terminal shows after a command. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Both streams interleaved as written, as a terminal shows them. */
  display: string;
}
