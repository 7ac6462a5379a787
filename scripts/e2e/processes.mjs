// Process bookkeeping for the end-to-end tests: every process the harness starts, and every
// process started under it, is found by pid and ended, even when a test fails or times out.
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';

/** Process groups and pids to end when this test process exits, whatever the reason. */
const pendingGroups = new Set();
/** Folders whose processes (by working directory or command line) are ended at exit. */
const pendingFolders = new Set();
let exitHandlerInstalled = false;

function installExitHandler() {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  // 'exit' handlers must be synchronous, so this last resort sends SIGKILL without waiting.
  process.on('exit', () => {
    const folders = [...pendingFolders];
    killTracked();
    if (process.env.MMPARETO_E2E_KEEP !== '1') {
      for (const folder of folders) {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`[e2e] received ${signal}; ending ${pendingGroups.size} process group(s)`);
      process.exit(130);
    });
  }
}

/** Sends SIGKILL to every tracked group and to every process in a tracked folder, without waiting. */
export function killTracked() {
  for (const pgid of pendingGroups) {
    signalGroup(pgid, 'SIGKILL');
  }
  for (const folder of pendingFolders) {
    for (const pid of processesUnder(folder)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** Registers a process group led by pgid (a child spawned with detached: true). */
export function trackGroup(pgid) {
  installExitHandler();
  pendingGroups.add(pgid);
}

export function untrackGroup(pgid) {
  pendingGroups.delete(pgid);
}

/** Registers a folder: processes working in it or naming it are ended at exit. */
export function trackFolder(folder) {
  installExitHandler();
  pendingFolders.add(folder);
}

export function untrackFolder(folder) {
  pendingFolders.delete(folder);
}

/** Sends a signal to every process of a group; returns false when the group no longer exists. */
export function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (error.code === 'ESRCH') return false;
    throw error;
  }
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Reads /proc/PID/stat: parent pid and process group, or undefined when the process is gone. */
export function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces, so fields are
    // counted from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

function listPids() {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** All descendants of rootPid that exist now (not including rootPid). */
export function descendantsOf(rootPid) {
  const children = new Map();
  for (const pid of listPids()) {
    const stat = readStat(pid);
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(pid);
    children.set(stat.ppid, siblings);
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Pids of processes whose working directory or command line lies under folder. Finds trainers
 * that outlived their parent (a reloaded window leaves them running on purpose) and so are no
 * longer descendants of the server.
 */
export function processesUnder(folder) {
  const found = [];
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    let cwd = '';
    let commandLine = '';
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (cwd === folder || cwd.startsWith(`${folder}/`) || commandLine.includes(folder)) {
      found.push(pid);
    }
  }
  return found;
}

export function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Ends a process group and the given extra pids: SIGTERM first, SIGKILL after graceMs for
 * whatever still runs. Returns the pids that needed SIGKILL.
 */
export async function endProcesses({ pgid, pids = [], graceMs = 5000 }) {
  const targets = new Set(pids);
  if (pgid !== undefined) {
    signalGroup(pgid, 'SIGTERM');
  }
  for (const pid of targets) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + graceMs;
  const groupAlive = () => pgid !== undefined && signalGroup(pgid, 0);
  while (Date.now() < deadline && (groupAlive() || [...targets].some(isAlive))) {
    await sleep(100);
  }
  const killed = [...targets].filter(isAlive);
  for (const pid of killed) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Ended between the check and the signal.
    }
  }
  if (groupAlive()) {
    signalGroup(pgid, 'SIGKILL');
  }
  if (pgid !== undefined) {
    untrackGroup(pgid);
  }
  return killed;
}
