// Config file handling shared by the trainer CLI and the language server.
export { ConfigFileError, CONFIG_FILE_EXTENSIONS, loadConfigFile, readConfigFileText, type LoadConfigFileOptions } from './loadConfigFile';
export { checkDataFiles, readNpyHeaderResult, type DataFileIssue, type NpyHeaderResult, type NpyHeaderSource } from './dataFileChecks';
export { formatIssueForTerminal } from './formatIssue';
export { parseConfigText, type ParsedConfigText } from './parseConfigText';
export { hasErrors, sortIssues, type PositionedIssue, type PositionedIssueCode, type DataFileIssueCode } from './positionedIssue';
export { renderTemplateYaml } from './templateYaml';
export type { TextPosition, TextRange } from './textPositions';
export { validateCommand, INVALID_CONFIG_EXIT_CODE } from './validateCommand';
export { validateConfigText, type ConfigTextValidation, type DataFileOptions, type ValidateConfigTextOptions } from './validateConfigText';
