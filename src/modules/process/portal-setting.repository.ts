import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

type Q = Kysely<Database>;

/** What a county decides about its portal: for now, whether its risk maps (廉政风险防控图) are public. */
export interface PortalSettings {
  publishRiskMaps: boolean;
}

export class PortalSettingRepository {
  async find(q: Q, countyCode: string): Promise<PortalSettings> {
    const row = await q.selectFrom('portal_setting').select('publish_risk_maps').where('county_code', '=', countyCode).executeTakeFirst();
    return { publishRiskMaps: row?.publish_risk_maps === 1 };
  }

  async save(q: Q, countyCode: string, s: PortalSettings, at: string, by: string): Promise<void> {
    const values = { publish_risk_maps: s.publishRiskMaps ? 1 : 0, updated_at: at, updated_by: by };
    await q
      .insertInto('portal_setting')
      .values({ county_code: countyCode, ...values })
      .onConflict((oc) => oc.column('county_code').doUpdateSet(values))
      .execute();
  }
}
