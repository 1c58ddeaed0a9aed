// A separate process appending audit events, for the multi-process concurrency test:
// argv = database URL, count, name, and the instant (ms) at which all workers start, so that they truly overlap.
import { createSunlit } from '../app.ts';
import { loadConfig } from '../config.ts';

const [url, count, name, startAt] = process.argv.slice(2);
const app = createSunlit(loadConfig({}, { databaseUrl: url!, dataKey: Buffer.alloc(32, 7) }));
try {
  await app.audit.head(); // connect before the starting gun
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  // Several appenders in flight at once inside this process too.
  await Promise.all(
    Array.from({ length: 4 }, (_, lane) =>
      (async () => {
        for (let i = lane; i < Number(count); i += 4) {
          await app.db.kysely
            .transaction()
            .execute((trx) =>
              app.audit.append(trx, `worker:${name}`, { action: 'test.concurrent', entity: `test:${name}:${i}`, county: null, payload: { i } }),
            );
        }
      })(),
    ),
  );
} finally {
  await app.close();
}
