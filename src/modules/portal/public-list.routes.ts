import { actorOf } from '../../http/auth.ts';
import type { Http } from '../../http/types.ts';
import { errorResponses } from '../../shared/contract.ts';
import {
  PublicCategoriesSchema,
  PublicCodeParams,
  PublicItemDetailSchema,
  PublicListQuery,
  PublicListSchema,
  PublicUnitsSchema,
  publicItemDetailDto,
  publicItemDto,
  SynonymsBody,
  SynonymsSchema,
  synonymsDto,
  unitCountDto,
} from './public-list.contract.ts';
import type { PublicListService } from './public-list.service.ts';

const tags = ['public'];

/**
 * The portal's power list, open to anyone (the installation's county), and the synonym list its search uses,
 * kept by the county's legal reviewers.
 */
export function publicListRoutes(app: Http, deps: { publicList: PublicListService; countyCode: string; riskMapsPublished: () => Promise<boolean> }) {
  const { publicList, countyCode } = deps;
  const label = (code: string) => publicList.categoryLabel(code);

  app.get(
    '/api/v1/public/powers',
    { schema: { tags, querystring: PublicListQuery, response: { 200: PublicListSchema, ...errorResponses(400) } }, config: { access: 'public' } },
    async (req) => {
      const pageSize = req.query.pageSize ?? 20;
      const page = req.query.page ?? 1;
      const { items, total } = await publicList.search(
        countyCode,
        { q: req.query.q, unit: req.query.unit, category: req.query.category },
        { offset: (page - 1) * pageSize, limit: pageSize },
      );
      return { items: items.map((i) => publicItemDto(i, label)), total };
    },
  );

  app.get(
    '/api/v1/public/powers/:code',
    { schema: { tags, params: PublicCodeParams, response: { 200: PublicItemDetailSchema, ...errorResponses(400, 404) } }, config: { access: 'public' } },
    async (req) => publicItemDetailDto(await publicList.getByCode(countyCode, req.params.code), label, await deps.riskMapsPublished()),
  );

  app.get('/api/v1/public/power-units', { schema: { tags, response: { 200: PublicUnitsSchema } }, config: { access: 'public' } }, async () => ({
    items: (await publicList.unitCounts(countyCode)).map(unitCountDto),
  }));

  app.get('/api/v1/public/power-categories', { schema: { tags, response: { 200: PublicCategoriesSchema } }, config: { access: 'public' } }, async () => ({
    items: (await publicList.categoryCounts(countyCode)).map((c) => ({ code: c.code, label: { zh: c.zh, en: c.en }, count: c.count })),
  }));

  app.get(
    '/api/v1/search/synonyms',
    { schema: { tags: ['search'], response: { 200: SynonymsSchema, ...errorResponses(401, 403) } }, config: { roles: ['legal_reviewer'] } },
    async (req) => synonymsDto(await publicList.listSynonyms(actorOf(req))),
  );

  app.put(
    '/api/v1/search/synonyms',
    {
      schema: { tags: ['search'], body: SynonymsBody, response: { 200: SynonymsSchema, ...errorResponses(400, 401, 403) } },
      config: { roles: ['legal_reviewer'] },
    },
    async (req) =>
      synonymsDto(
        await publicList.replaceSynonyms(
          actorOf(req),
          req.body.items.map((e) => ({ term: e.term, expansions: e.expansions, note: e.note ?? null })),
        ),
      ),
  );
}
