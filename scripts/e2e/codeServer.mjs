// Starts and stops code-server (VS Code served to a browser, with a real extension host) on a
// loopback port with a profile and an extensions folder of its own.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { e2ePaths } from './paths.mjs';
import { descendantsOf, endProcesses, trackGroup } from './processes.mjs';

const LOOPBACK = '127.0.0.1';

/** Fails with the fix when setup has not run or did not finish. */
export function requireTools(paths = e2ePaths()) {
  const missing = [paths.node24, paths.codeServerEntry].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`End-to-end tools are missing (${missing.join(', ')}). Run \`npm run e2e:setup\` first.`);
  }
}

/** Environment for code-server and what it starts: Node 24 first on PATH, no proxy, no gallery. */
function serverEnvironment(paths, home) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    // A developer's shell may carry settings for another VS Code or for a Node debugger.
    if (name.startsWith('VSCODE_') || name === 'NODE_OPTIONS' || name.startsWith('npm_')) {
      delete env[name];
    }
  }
  return {
    ...env,
    PATH: `${paths.node24BinDir}:${process.env.PATH ?? ''}`,
    // code-server keeps state under XDG folders besides the user-data-dir; give it fresh ones.
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    // An empty gallery keeps the server from contacting an extension marketplace.
    EXTENSIONS_GALLERY: '{}',
  };
}

/** Installs a .vsix into extensionsDir with code-server's CLI; returns the CLI's output. */
export function installExtension({ vsixPath, extensionsDir, home, paths = e2ePaths() }) {
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(
    paths.node24,
    [paths.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', join(home, 'install-profile'), '--install-extension', vsixPath],
    { encoding: 'utf8', env: serverEnvironment(paths, home), timeout: 60_000 },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/was successfully installed/.test(output)) {
    throw new Error(`Installing ${vsixPath} into ${extensionsDir} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  return output;
}

/** A free TCP port on the loopback address, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Writes the profile's user settings.json. */
export function writeUserSettings(userDataDir, settings) {
  const folder = join(userDataDir, 'User');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

async function waitForHealth(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready. Log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms. Log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
}

/**
 * Starts code-server in a process group of its own, serving folder. Returns its url, pid and
 * stop(), which ends the server and every process started under it.
 */
export async function startCodeServer({ folder, userDataDir, extensionsDir, home, logFile, readyTimeoutMs = 60_000, paths = e2ePaths() }) {
  requireTools(paths);
  const port = await freePort();
  const url = `http://${LOOPBACK}:${port}`;
  const configFile = join(home, 'code-server.yaml');
  // An explicit config file keeps code-server from writing one into the user's home folder.
  writeFileSync(configFile, `bind-addr: ${LOOPBACK}:${port}\nauth: none\ncert: false\n`);
  const args = [
    paths.codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${LOOPBACK}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  const log = createWriteStream(logFile);
  const child = spawn(paths.node24, args, {
    cwd: home,
    env: serverEnvironment(paths, home),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackGroup(child.pid);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  let stopped = false;
  const stop = async () => {
    if (stopped) return [];
    stopped = true;
    const pids = descendantsOf(child.pid);
    const killed = await endProcesses({ pgid: child.pid, pids });
    log.end();
    return killed;
  };

  try {
    await waitForHealth(url, child, logFile, readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid, folderUrl: `${url}/?folder=${encodeURIComponent(folder)}`, stop };
}
