import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { CodeLabel } from './code-labels.data.ts';

export type Label = { zh: string; en: string };

export class ReferenceRepository {
  async listLabels(q: Kysely<Database>): Promise<CodeLabel[]> {
    return q.selectFrom('code_label').select(['kind', 'code', 'zh', 'en']).orderBy('kind').orderBy('sort').execute();
  }

  /** Inserts missing labels and updates changed ones; returns how many rows changed. */
  async upsertLabels(q: Kysely<Database>, labels: CodeLabel[]): Promise<number> {
    const existing = new Map((await this.listLabels(q)).map((l) => [`${l.kind}/${l.code}`, l]));
    let changed = 0;
    for (const [i, l] of labels.entries()) {
      const old = existing.get(`${l.kind}/${l.code}`);
      if (!old) {
        await q
          .insertInto('code_label')
          .values({ ...l, sort: i })
          .execute();
        changed += 1;
      } else if (old.zh !== l.zh || old.en !== l.en) {
        await q.updateTable('code_label').set({ zh: l.zh, en: l.en }).where('kind', '=', l.kind).where('code', '=', l.code).execute();
        changed += 1;
      }
    }
    return changed;
  }
}

/** Label lookup loaded once per process; labels change only through `sunlit migrate`. */
export class Labels {
  private readonly map = new Map<string, Label>();
  constructor(rows: CodeLabel[]) {
    for (const r of rows) this.map.set(`${r.kind}/${r.code}`, { zh: r.zh, en: r.en });
  }
  get(kind: string, code: string): Label {
    return this.map.get(`${kind}/${code}`) ?? { zh: code, en: code };
  }
}
