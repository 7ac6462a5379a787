// Result of trying to initialize one TensorFlow.js backend.

export type BackendAttempt =
  | {
      readonly ok: true;
      /** tf.getBackend() after the switch, e.g. tensorflow, wasm or cpu. */
      readonly name: string;
      /** Package, version and settings, for the log and the run-start record. */
      readonly detail: string;
    }
  | {
      readonly ok: false;
      /** Reason the backend is unavailable, logged when auto skips it. */
      readonly reason: string;
      /** Fix for the user, added to the error when the backend was chosen explicitly. */
      readonly fix: string;
    };
