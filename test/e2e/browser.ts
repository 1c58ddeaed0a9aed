import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../src/http/server.ts';
import { createTestSunlit, type TestSunlit } from '../../src/test/test-app.ts';

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The real server with the built web app and 示范县, listening on a free port of 127.0.0.1. */
export async function startDemoServer(): Promise<{ t: TestSunlit; baseUrl: string; stop(): Promise<void> }> {
  const t = await createTestSunlit('sqlite', { demo: true, config: { webDist: WEB_DIST } });
  const http = await buildServer(t.app);
  const address = await http.listen({ port: 0, host: '127.0.0.1' });
  return {
    t,
    baseUrl: address,
    stop: async () => {
      await http.close();
      await t.dispose();
    },
  };
}
