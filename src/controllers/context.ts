import type { ApiServer } from '../api/api-server.ts';
import type { EventRecorder } from '../api/events.ts';
import type { Clock } from '../sim/clock.ts';
import type { Simulator } from '../sim/simulator.ts';
import type { Store } from '../store/store.ts';
import type { WatchEvent } from '../store/watch-event.ts';

/** What a controller is given: the API to write through, the store to read, the loop, the recorder. */
export interface ControllerContext {
  readonly api: ApiServer;
  /** Read-only use: the informer cache. Writes go through `api`. */
  readonly store: Store;
  readonly sim: Simulator<WatchEvent>;
  readonly events: EventRecorder;
  readonly clock: Clock;
}
