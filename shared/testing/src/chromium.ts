/**
 * How every Chromium test and benchmark starts Debian's Chromium: headless, no sandbox (root), and none
 * of the background connections this machine's closed network refuses. `extraArgs` adds flags (fake
 * camera and microphone). Pass the result to playwright-core's `chromium.launch`.
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): { executablePath: string; args: string[] } {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}
