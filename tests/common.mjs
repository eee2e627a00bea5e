// What both browser suites (tests/e2e/ in Chromium, tests/engines/ in every engine) read the
// same way: the settings `cargo xtask test` passes, and article text.

/** A setting `cargo xtask test` passes to the tests. */
export function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through \`cargo xtask test\``);
  return value;
}

/** The plain text of inline content: a string, or a list of strings and runs. */
export function plainText(content) {
  return typeof content === 'string' ? content : content.map((run) => (typeof run === 'string' ? run : run.text)).join('');
}
