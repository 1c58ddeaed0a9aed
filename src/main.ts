import { createSunlit } from './app.ts';
import { loadConfig } from './config.ts';
import { buildServer } from './http/server.ts';

/** Starts the server on an installation that `sunlit migrate` has prepared. */
export async function serve(app: ReturnType<typeof createSunlit>, port = app.config.port) {
  const http = await buildServer(app, { logger: { level: process.env.SUNLIT_LOG_LEVEL ?? 'info' } });
  await http.listen({ port, host: app.config.host });
  const stop = async () => {
    await http.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return http;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve(createSunlit(loadConfig()));
}
