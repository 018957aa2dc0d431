/**
 * A real VS Code for tests: code-server 4.100.3 (VS Code 1.100.3) installed by
 * .ci/install-code-server.sh into a fixed folder, started once on a free
 * loopback port in its own process group (so the extension host and the
 * language server it spawns stop with it), with its own user data and
 * extensions folders.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const codeServerBin = join(process.env['ADTC_CODE_SERVER_DIR'] ?? '/opt/adtc-ci/code-server', 'bin', 'code-server');

export interface CodeServer {
  readonly url: string;
  readonly userDataDir: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Installs `vsix` into a fresh profile under `dir` and serves `workspace`; resolves once /healthz answers. */
export async function startCodeServer(dir: string, vsix: string, settings: Record<string, unknown>): Promise<CodeServer> {
  if (!existsSync(codeServerBin)) throw new Error(`code-server is not installed at ${codeServerBin}: run .ci/install-code-server.sh (CI's .ci/run does).`);
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const profile = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // An empty config file keeps code-server from writing one (with a password) into the user's home.
  writeFileSync(join(dir, 'config.yaml'), 'auth: none\n');
  execFileSync(codeServerBin, ['--config', join(dir, 'config.yaml'), ...profile, '--install-extension', vsix], { stdio: 'pipe' });

  const port = await freePort();
  const child: ChildProcess = spawn(
    codeServerBin,
    ['--config', join(dir, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...profile, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    { detached: true, stdio: 'ignore' },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, userDataDir, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer /healthz within 120 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
