// Produces the .vsix the end-to-end tests install: the one named by MMPARETO_E2E_VSIX, else the
// output of the repository's own `npm run package`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT, e2ePaths } from './paths.mjs';

/** .vsix files in folder written at or after sinceMs, newest first. */
function vsixFilesSince(folder, sinceMs) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).mtimeMs >= sinceMs)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/**
 * Runs `npm run package -- --out FILE` in the repository and returns the .vsix it wrote: FILE,
 * or the newest .vsix in the repository root or dist/ when the script ignored --out.
 */
export function packageExtension(out = join(e2ePaths().artifactsRoot, 'extension-under-test.vsix')) {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  if (!manifest.scripts?.package) {
    throw new Error('package.json has no "package" script, so there is no .vsix to install. Add one (vsce package) or set MMPARETO_E2E_VSIX to a packaged extension.');
  }
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  // File times have whole-second resolution on some file systems.
  const startedMs = Math.floor(Date.now() / 1000) * 1000;
  console.log(`[e2e] packaging the extension with npm run package into ${out}`);
  const result = spawnSync('npm', ['run', 'package', '--silent', '--', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (exit ${result.status ?? result.signal}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  }
  const vsix = existsSync(out) ? out : [...vsixFilesSince(REPO_ROOT, startedMs), ...vsixFilesSince(join(REPO_ROOT, 'dist'), startedMs)][0];
  if (!vsix) {
    throw new Error(`npm run package succeeded but wrote no .vsix at ${out}, in ${REPO_ROOT} or in dist/. Output:\n${result.stdout.slice(-2000)}`);
  }
  console.log(`[e2e] packaged ${vsix} (${(statSync(vsix).size / 1024 / 1024).toFixed(1)} MiB)`);
  return vsix;
}

let cachedVsix;

/** The .vsix to install, packaging the extension once per process when none is given. */
export function resolveVsix(env = process.env) {
  if (env.MMPARETO_E2E_VSIX) {
    const vsix = resolve(env.MMPARETO_E2E_VSIX);
    if (!existsSync(vsix)) {
      throw new Error(`MMPARETO_E2E_VSIX names ${vsix}, which does not exist.`);
    }
    return vsix;
  }
  cachedVsix ??= packageExtension();
  return cachedVsix;
}
