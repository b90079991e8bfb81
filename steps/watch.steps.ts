import { Then, When, type DataTable } from '@cucumber/cucumber';
import { diffTable, missingInOrder, parseWatch } from './support/text-match.ts';
import type { KubespecWorld } from './world.ts';

/** What the watch printed so far (background output is looked at first), with the rows the step expects. */
function watched(world: KubespecWorld, table: DataTable): { text: string; rows: Record<string, string>[] } {
  // The watch a step started, else the last background job (`When I run "kubectl get pods -w &"`).
  const job = world.watch ?? world.terminal.shell.jobs.latest;
  if (!job) throw new Error('no watch was started: "When I watch … while I run …", or run "kubectl get pods -w &"');
  world.terminal.showJobs();
  const rows = table.hashes().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, world.expand(v)])));
  return { text: job.output, rows };
}

// Starts the watch as a background job (`kubectl get pods -w &`; its rows join the transcript as they come), then runs the command line; the watch runs on until `kill %1` or the scenario ends.
When('I watch {string} while I run {string}', function (this: KubespecWorld, watch: string, line: string) {
  this.run(`${watch} &`);
  this.watch = this.terminal.shell.jobs.latest;
  this.run(line);
});

// The watch (or the last background job) printed these rows in this order, its first table included; other rows may come between them. Only the columns named are compared.
Then('the watch shows, in order:', function (this: KubespecWorld, table: DataTable) {
  const { text, rows } = watched(this, table);
  const missing = missingInOrder(rows, text);
  if (missing) throw new Error(missing);
});

// The watch printed exactly these rows, in this order, its first table included.
Then('the watch shows exactly:', function (this: KubespecWorld, table: DataTable) {
  const { text, rows } = watched(this, table);
  const diff = diffTable(rows, text, false, parseWatch);
  if (diff) throw new Error(diff);
});
