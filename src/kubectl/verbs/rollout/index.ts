import type { Command } from '../../command.ts';
import { rolloutHistoryCommand } from './history.ts';
import { rolloutPauseCommand } from './pause.ts';
import { rolloutRestartCommand } from './restart.ts';
import { rolloutResumeCommand } from './resume.ts';
import { rolloutStatusCommand } from './status.ts';
import { rolloutUndoCommand } from './undo.ts';

/** kubectl rollout (pkg/cmd/rollout/rollout.go): its subcommands, in kubectl's order. */
export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [],
  subcommands: [rolloutHistoryCommand, rolloutPauseCommand, rolloutResumeCommand, rolloutUndoCommand, rolloutStatusCommand, rolloutRestartCommand],
};
