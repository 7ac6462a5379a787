// Imports a TypeScript module of the repository for the config and language-server tests, with
// npm packages left to Node: yaml requires the "process" built-in, which breaks once bundled.
import { bundleAndImport, repositoryRoot } from '../helpers/loadContract.mjs';

export { repositoryRoot };

/** Bundles one TypeScript module (path from the repository root) and imports it. */
export function importSource(relativePath) {
  return bundleAndImport(relativePath, { packages: 'external' });
}
