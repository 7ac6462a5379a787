// Shared fixtures of the model tests: modality configs with every field filled in, as the
// validated run config has them.

/** Returns a modality config with the schema defaults, overridden by `fields`. */
export function modality(name, fields) {
  return { name, encoder: 'cnn', hidden: [128], channels: [16, 32], width: 16, featureDim: 64, ...fields };
}

/** Returns every state variable's values by name, as plain arrays. */
export function stateValues(model) {
  return Object.fromEntries(model.stateVariables.map(({ name, variable }) => [name, Array.from(variable.dataSync())]));
}
