// Loads packages at run time, outside the esbuild bundle, for the optional native TensorFlow.js
// packages and for locating files of installed packages.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Returns a CommonJS require that resolves from this module's file when it runs as CommonJS
 * (the bundled dist/trainer/cli.js), and from the main script otherwise. Unit tests bundle
 * TypeScript as ES modules, where __filename is undefined.
 */
export function runtimeRequire(): NodeJS.Require {
  return createRequire(moduleLocation());
}

/** Returns this module's file when it runs as CommonJS, else the main script (or the working directory). */
export function moduleLocation(): string {
  if (typeof __filename === 'string') {
    return __filename;
  }
  return process.argv[1] ?? join(process.cwd(), 'index.js');
}

/** Returns true when `error` is a failure to resolve `packageName` itself, not one of its files. */
export function isPackageNotFound(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  const code = (error as NodeJS.ErrnoException).code;
  const firstLine = error.message.split('\n')[0] ?? '';
  return code === 'MODULE_NOT_FOUND' && firstLine.includes(`'${packageName}'`);
}
