// Lit, under the web components, normally styles shadow roots with constructable stylesheets,
// which a CSP allows. Where it falls back to <style> elements it copies globalThis.litNonce
// onto them, so hand it this script's nonce. Import this module before any component.
declare global {
  // eslint-disable-next-line no-var
  var litNonce: string | undefined;
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.nonce !== '') {
  globalThis.litNonce = script.nonce;
}

export {};
