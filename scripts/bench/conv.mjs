// Runs the convolution benchmark (scripts/bench/convSteps.ts) through the TypeScript bench
// runner: node scripts/bench/conv.mjs [--rounds 3 --steps 3].
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const result = spawnSync(process.execPath, [join(root, 'scripts/bench/run.mjs'), 'scripts/bench/convSteps.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
