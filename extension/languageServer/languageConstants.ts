// Names shared by the language client (extension host) and the language server process.

/** Language id of run config files, contributed in package.json for *.mmpareto.yaml. */
export const CONFIG_LANGUAGE_ID = 'mmpareto-yaml';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'mmpareto';

/** Commands of the code lenses; the extension registers them. Arguments: the config file's URI. */
export const START_RUN_COMMAND = 'mmpareto.startRun';
/** Arguments: the config file's URI and the id of its latest run. */
export const COMPARE_WITH_LAST_RUN_COMMAND = 'mmpareto.compareWithLastRun';

/** Files whose changes the client reports: data files, and run configs for the compare lens. */
export const WATCHED_FILE_GLOBS = ['**/*.npy', '**/.mmpareto/runs/*/config.json'] as const;
