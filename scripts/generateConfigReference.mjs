// Renders the config reference table of README.md and docs/config-reference.md from CONFIG_SCHEMA.
// Usage: node scripts/generateConfigReference.mjs (npm run docs:config)
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const documentPath = join(root, 'docs/config-reference.md');

// The bundle goes inside the repository so the packages left external resolve from node_modules.
const bundleDirectory = join(root, 'node_modules/.cache/mmpareto-scripts');
mkdirSync(bundleDirectory, { recursive: true });
const outfile = join(mkdtempSync(join(bundleDirectory, 'reference-')), 'configReference.mjs');
await esbuild.build({
  entryPoints: [join(root, 'trainer/config/configReference.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile,
  logLevel: 'error',
});
const { replaceConfigReference, REFERENCE_START_MARKER, REFERENCE_END_MARKER } = await import(pathToFileURL(outfile).href);

const skeleton = `# Run config reference

A run config is a YAML file named \`*.mmpareto.yaml\` (JSON works too). Every key is optional;
a key left out takes its default. Paths are relative to the folder of the config file. In VS Code
the same facts appear when you hover a key, and \`node dist/trainer/cli.js validate FILE\` checks a
file from the terminal.

The table below is generated from \`trainer/contract/configSchema.ts\` by \`npm run docs:config\`;
edit the schema, not the table. List entries are written \`modalities[].name\`.

${REFERENCE_START_MARKER}
${REFERENCE_END_MARKER}
`;

// The README carries the same table between the same markers; it must already contain them.
for (const path of [documentPath, join(root, 'README.md')]) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : skeleton;
  const updated = replaceConfigReference(current);
  if (updated === current) {
    console.log(`${path}: up to date.`);
  } else {
    writeFileSync(path, updated);
    console.log(`${path}: written.`);
  }
}
