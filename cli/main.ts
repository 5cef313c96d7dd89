import { Command } from 'commander';
import { pathToFileURL } from 'node:url';
import { registerReach } from './commands/reach';
import { registerAnalyze } from './commands/analyze';
import { registerDraft } from './commands/draft';
import { registerCheck } from './commands/check';
import { registerBlastRadius, registerExposure } from './commands/blast-radius';
import { registerImport } from './commands/import';
import { registerDiff } from './commands/diff';
import { registerReport } from './commands/report';
import { registerAlerts } from './commands/alerts';
import { registerUser } from './commands/user';

/** One line per subcommand: each module adds itself to the program. */
const commands: ((program: Command) => void)[] = [
  registerReach,
  registerAnalyze,
  registerDraft,
  registerCheck,
  registerBlastRadius,
  registerExposure,
  registerImport,
  registerDiff,
  registerReport,
  registerAlerts,
  registerUser,
];

export function buildProgram(): Command {
  const program = new Command('eastwest')
    .description('Who talks to whom inside a Kubernetes cluster, who is allowed to, and what an attacker would reach.')
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      process.stderr.write(`eastwest: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    });
}
