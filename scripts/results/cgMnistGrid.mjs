// Trains every method on CG-MNIST with several seeds through the trainer CLI and prints a
// Markdown table of test accuracies and conflict shares (mean ± standard deviation over seeds).
// Usage: node scripts/results/cgMnistGrid.mjs [--seeds 0,1,2] [--parallel 2] [--workspace DIR] [-- extra cli.js train flags]
// With --report-only it trains nothing and reports the grid runs already in the workspace.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/trainer/cli.js');
const METHODS = ['joint', 'uniform', 'pareto', 'mmpareto'];

const { values, positionals } = parseArgs({
  options: {
    seeds: { type: 'string', default: '0,1,2' },
    parallel: { type: 'string', default: '1' },
    workspace: { type: 'string', default: join(root, '.cache/results/cg-mnist') },
    'report-only': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const seeds = values.seeds.split(',').map(Number);
const workspace = resolve(values.workspace);
const parallel = Math.max(1, Number(values.parallel));
mkdirSync(workspace, { recursive: true });

function train(method, seed) {
  const runId = `grid-${method}-seed${seed}-${Date.now().toString(36)}`;
  const args = [cli, 'train', '--quiet', '--workspace', workspace, '--run-id', runId, '--set', `method=${method}`, '--set', `seed=${seed}`, ...positionals];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => process.stderr.write(`[${method} seed ${seed}] ${chunk}`));
    child.on('exit', (code) => (code === 0 ? resolvePromise(runId) : reject(new Error(`${method} seed ${seed} exited with ${code}`))));
  });
}

/** Share of an encoder's conflicting steps whose update had a non-negative inner product with both gradients. */
function descentShareOnConflicts(directory) {
  let conflicts = 0;
  let descending = 0;
  for (const line of readFileSync(join(directory, 'metrics.jsonl'), 'utf8').split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line);
    if (record.type !== 'step') continue;
    for (const metrics of Object.values(record.encoders)) {
      if (!metrics.conflict) continue;
      conflicts += 1;
      if (metrics.updateDotMultimodal >= 0 && metrics.updateDotUnimodal >= 0) descending += 1;
    }
  }
  return conflicts > 0 ? descending / conflicts : 1;
}

function readResult(job, runId) {
  const directory = join(workspace, '.mmpareto/runs', runId);
  const summary = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8'));
  const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
  return { ...job, summary, config, descentShare: descentShareOnConflicts(directory) };
}

const jobs = METHODS.flatMap((method) => seeds.map((seed) => ({ method, seed })));
const results = [];
const started = Date.now();
async function worker() {
  while (jobs.length > 0) {
    const job = jobs.shift();
    results.push(readResult(job, await train(job.method, job.seed)));
  }
}
if (values['report-only']) {
  // Newest grid run of each method and seed; grid run ids are grid-<method>-seed<seed>-<time>.
  const runIds = readdirSync(join(workspace, '.mmpareto/runs')).sort();
  for (const job of jobs) {
    const runId = runIds.filter((id) => id.startsWith(`grid-${job.method}-seed${job.seed}-`)).at(-1);
    if (runId === undefined) throw new Error(`No grid run of ${job.method} with seed ${job.seed} in ${workspace}; run without --report-only first.`);
    results.push(readResult(job, runId));
  }
} else {
  await Promise.all(Array.from({ length: parallel }, worker));
}

const mean = (numbers) => numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
const deviation = (numbers) => {
  const average = mean(numbers);
  return Math.sqrt(numbers.reduce((sum, value) => sum + (value - average) ** 2, 0) / Math.max(1, numbers.length - 1));
};
const cell = (numbers) => `${(100 * mean(numbers)).toFixed(1)} ± ${(100 * deviation(numbers)).toFixed(1)}`;

const example = results[0].config;
console.log(`CG-MNIST: ${example.data.trainSize || 60000} training and ${example.data.testSize || 10000} test images, ${example.epochs} epochs, batch ${example.batchSize}, ${example.optimizer.type} learning rate ${example.optimizer.learningRate}, gamma ${example.gamma}, norm rule ${example.normRule}, backend ${results[0].summary.backend}; seeds ${seeds.join(', ')}. Mean ± standard deviation over seeds, in %.`);
console.log('');
console.log('Test accuracy after the last epoch, and at the epoch with the best fused accuracy:');
console.log('');
console.log('| method | fused | gray | colored | best fused | gray at best fused |');
console.log('| --- | --- | --- | --- | --- | --- |');
const byMethod = (method) => results.filter((result) => result.method === method);
for (const method of METHODS) {
  const pick = (select) => byMethod(method).map((run) => select(run.summary));
  console.log(`| ${method} | ${cell(pick((s) => s.finalAccuracy.fused))} | ${cell(pick((s) => s.finalAccuracy.unimodal.gray))} | ${cell(pick((s) => s.finalAccuracy.unimodal.colored))} | ${cell(pick((s) => s.bestAccuracy.fused))} | ${cell(pick((s) => s.bestAccuracy.unimodal.gray))} |`);
}
console.log('');
console.log('Conflicting steps (cosine <= 0) per encoder over the whole run, and the share of conflicting steps whose update descended both losses (inner products with both gradients >= 0):');
console.log('');
console.log('| method | conflicting steps, gray | conflicting steps, colored | common descent on conflicting steps |');
console.log('| --- | --- | --- | --- |');
for (const method of METHODS) {
  const runs = byMethod(method);
  console.log(`| ${method} | ${cell(runs.map((run) => run.summary.conflictShare.gray))} | ${cell(runs.map((run) => run.summary.conflictShare.colored))} | ${cell(runs.map((run) => run.descentShare))} |`);
}
console.log('');
if (!values['report-only']) {
  console.log(`${results.length} runs in ${((Date.now() - started) / 60000).toFixed(1)} minutes, ${parallel} at a time; run folders in ${workspace}/.mmpareto/runs.`);
}
