import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import postgres from 'postgres';

/** A PostgreSQL server of its own in a temporary folder, for tests and the bench. */
export interface PostgresServer {
  /** `postgres://` URL of the server's `postgres` database, as `DATABASE_URL` takes it. */
  url: string;
  /** Creates an empty database and returns its URL, so each test starts from nothing. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder holding `initdb` and `postgres`: /usr/local/bin, then PATH, then what `pg_config --bindir` says,
 * then Debian's /usr/lib/postgresql/N/bin (where `apt-get install postgresql` puts them, off PATH).
 */
function findPostgresBinaries(): string {
  const candidates = ['/usr/local/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is missing: the other places may still have the binaries.
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  } catch {
    // No Debian PostgreSQL package.
  }
  const found = candidates.find(
    (dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres')),
  );
  if (!found) {
    throw new Error(
      `PostgreSQL's initdb and postgres were found in none of ${candidates.join(', ')}; install them (apt-get install -y postgresql), as .ci/run does`,
    );
  }
  return found;
}

/** A loopback port nothing listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user Debian creates, else nobody. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }));
      return { uid, gid };
    } catch {
      // No such user; try the next.
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

/**
 * Starts PostgreSQL: `initdb` into a new temporary folder, then `postgres` on a free loopback port with no
 * Unix socket, trusting local connections. Resolves once it accepts connections.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'dossier-pg-'));
  const dataDir = join(dir, 'data');
  const owner = serverUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  execFileSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    { stdio: 'pipe', ...owner },
  );
  const port = await freeLoopbackPort();
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      '',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], ...owner },
  );
  let log = '';
  server.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const exited = once(server, 'exit');
  // A test run that ends without calling stop() (a timeout, a crash) must not leave the server running.
  const killOnExit = () => server.kill('SIGINT');
  process.once('exit', killOnExit);
  // PostgreSQL says it is ready in its log; waiting for that line rather than retrying connections on a timer.
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (log.includes('database system is ready to accept connections')) {
        server.stderr?.off('data', onData);
        resolve();
      }
    };
    server.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`PostgreSQL did not start:\n${log}`)));
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async createDatabase(name) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql`CREATE DATABASE ${sql(name)}`;
      } finally {
        await sql.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', killOnExit);
      if (server.exitCode === null) {
        // SIGINT is PostgreSQL's fast shutdown: it disconnects clients instead of waiting for them.
        server.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
