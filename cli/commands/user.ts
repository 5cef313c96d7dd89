import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { checkNewPassword, hashPassword } from '../../lib/auth/password';
import { usernameSchema } from '../../lib/auth/schemas';
import { createUser, disconnectPrisma, listUsers, recordAudit, type UserRole } from '../../lib/db';
import { openDatabase } from '../database';
import { EXIT_OK, InputError } from '../exit';


interface UserAddOptions {
  admin?: boolean;
  editor?: boolean;
  viewer?: boolean;
  databaseUrl?: string;
}

/** Exactly one of --admin, --editor, --viewer: a role is a decision, so there is no default. */
export function roleFromFlags(o: UserAddOptions): UserRole {
  const chosen = (['admin', 'editor', 'viewer'] as const).filter((r) => o[r]);
  if (chosen.length !== 1) throw new InputError('choose exactly one role: --admin, --editor or --viewer');
  return chosen[0]!;
}

/**
 * The password, never from an argument (it would sit in shell history and `ps`): typed twice at a
 * terminal without echo, or the first line of standard input (`printf '%s\n' "$PW" | eastwest user add ...`).
 */
export async function readPassword(input: Readable & { isTTY?: boolean }, output: Writable): Promise<string> {
  if (!input.isTTY) {
    const rl = createInterface({ input, terminal: false });
    for await (const line of rl) {
      rl.close();
      return line.replace(/\r$/, '');
    }
    throw new InputError('no password on standard input');
  }
  const first = await promptHidden(input, output, 'Password: ');
  const second = await promptHidden(input, output, 'Repeat password: ');
  if (first !== second) throw new InputError('the passwords differ');
  return first;
}

function promptHidden(input: Readable, output: Writable, question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, terminal: true });
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s === question) output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}

export async function addUser(username: string, role: UserRole, password: string): Promise<void> {
  const name = usernameSchema.safeParse(username);
  if (!name.success) throw new InputError(`username: ${name.error.issues[0]?.message ?? 'invalid'}`);
  const problem = checkNewPassword(password);
  if (problem) throw new InputError(problem);
  const user = await createUser({ username, role, passwordHash: await hashPassword(password) });
  await recordAudit({ actor: 'cli', action: 'user.add', targetType: 'user', targetId: user.username, details: { role } });
}

async function withDatabase(url: string | undefined, fn: () => Promise<void>): Promise<number> {
  const db = await openDatabase(url);
  try {
    await fn();
    return EXIT_OK;
  } finally {
    await disconnectPrisma().catch(() => undefined);
    await db.stop().catch(() => undefined);
  }
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage who may sign in (sign-in is required when Eastwest listens beyond localhost or EASTWEST_AUTH is set)');
  user
    .command('add')
    .description('Add a user; the password is prompted for, or read from the first line of standard input')
    .argument('<name>', 'username')
    .option('--admin', 'users, audit log, deleting snapshots, and everything an editor can do')
    .option('--editor', 'imports, drafts, new snapshots, and everything a viewer can do')
    .option('--viewer', 'read graphs, snapshots and drafts')
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL, else the embedded database of `npm start`)')
    .action(async (name: string, o: UserAddOptions) => {
      const role = roleFromFlags(o);
      const password = await readPassword(process.stdin, process.stderr);
      process.exitCode = await withDatabase(o.databaseUrl, async () => {
        await addUser(name, role, password);
        process.stdout.write(`added ${role} "${name}"\n`);
      });
      process.exit(process.exitCode);
    });
  user
    .command('list')
    .description('List users and their roles')
    .option('--database-url <url>', 'PostgreSQL URL')
    .action(async (o: { databaseUrl?: string }) => {
      process.exitCode = await withDatabase(o.databaseUrl, async () => {
        for (const u of await listUsers()) process.stdout.write(`${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}${u.oidcIssuer ? `\toidc ${u.oidcIssuer}` : ''}\n`);
      });
      process.exit(process.exitCode);
    });
}
