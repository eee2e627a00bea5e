// What both browser suites (tests/e2e/ in Chromium, tests/engines/ in every engine) share: how
// Debian's Chromium is started, the settings `cargo xtask test` passes, and article text.

/** Debian's Chromium, and the switches these machines need (no sandbox, no GPU, no calls home). */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

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
