/** The `strkin` executable: runs the CLI on the process arguments and sets the exit code. */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`strkin: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
