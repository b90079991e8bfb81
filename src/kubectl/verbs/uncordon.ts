import { DRY_RUN_FLAG } from '../apply/dry-run.ts';
import type { Command } from '../command.ts';
import { cordonNodes, findNodes, NODE_SELECTOR_FLAG } from './cordon.ts';

/** kubectl uncordon (pkg/cmd/drain/drain.go NewCmdUncordon): mark nodes schedulable again. */
export const uncordonCommand: Command = {
  name: 'uncordon',
  flags: [NODE_SELECTOR_FLAG, DRY_RUN_FLAG],
  run(inv) {
    cordonNodes(inv, findNodes(inv, 'uncordon'), false);
    return 0;
  },
};
