import { nullableInteger } from '../../shared/contract.ts';
import { Type } from 'typebox';
import { UNIT_CODE_PATTERN } from '../org/unit.rules.ts';
import type { Ledger, LedgerEntry, ReformStarted } from './reform.service.ts';
import { BASELINE_LIMITS } from './reform.rules.ts';

const count = Type.Integer({ minimum: 0, maximum: BASELINE_LIMITS.maxCount });
// Null first: the validator coerces, and would otherwise turn a null into 0 before trying null.
const days = nullableInteger({ minimum: 0, maximum: BASELINE_LIMITS.maxDays });

export const StartBody = Type.Object({ startedOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false });

export const BaselineParams = Type.Object({ itemId: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }, { additionalProperties: false });

export const BaselineBody = Type.Object({ steps: count, materials: count, timeLimit: days }, { additionalProperties: false });

export const LedgerQuery = Type.Object({ unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })) }, { additionalProperties: false });

export const ExportQuery = Type.Object(
  { format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]), unit: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })) },
  { additionalProperties: false },
);

const UnitRef = Type.Object({ code: Type.String(), name: Type.String() });
const nullableInt = Type.Union([Type.Null(), Type.Integer()]);

const Counts = {
  items: Type.Integer(),
  fewerSteps: Type.Integer(),
  fewerMaterials: Type.Integer(),
  shorterLimit: Type.Integer(),
  streamlined: Type.Integer(),
};

export const StartedSchema = Type.Object({
  startedOn: Type.String(),
  fromPublished: Type.Integer({ description: 'Baselines taken from the published revision' }),
  fromLatest: Type.Integer({ description: 'Baselines taken from the latest revision of items never published' }),
  kept: Type.Integer({ description: 'Items whose baseline entered by hand was kept' }),
});

export const LedgerItemSchema = Type.Object({
  itemId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  unit: UnitRef,
  baseline: Type.Object({ steps: Type.Integer(), materials: Type.Integer(), timeLimit: nullableInt, source: Type.String() }),
  /** Null while the item has no published revision. */
  current: Type.Union([Type.Null(), Type.Object({ steps: Type.Integer(), materials: Type.Integer(), timeLimit: nullableInt, revision: Type.Integer() })]),
  fewerSteps: Type.Boolean(),
  fewerMaterials: Type.Boolean(),
  shorterLimit: Type.Boolean(),
});

export const LedgerSchema = Type.Object({
  startedOn: Type.Union([Type.Null(), Type.String()]),
  totals: Type.Object(Counts),
  units: Type.Array(Type.Object({ unit: UnitRef, ...Counts })),
  items: Type.Array(LedgerItemSchema),
});

export const startedDto = (r: ReformStarted) => r;

export const ledgerItemDto = (e: LedgerEntry) => ({
  itemId: e.item.id,
  code: e.item.code,
  name: e.item.name,
  unit: { code: e.item.unitCode, name: e.item.unitName },
  baseline: { steps: e.baseline.steps, materials: e.baseline.materials, timeLimit: e.baseline.timeLimit, source: e.baseline.source },
  current: e.current,
  fewerSteps: e.comparison.fewerSteps,
  fewerMaterials: e.comparison.fewerMaterials,
  shorterLimit: e.comparison.shorterLimit,
});

export const ledgerDto = (l: Ledger) => ({
  startedOn: l.startedOn,
  totals: l.totals,
  units: l.units.map((u) => ({ unit: { code: u.unitCode, name: u.unitName }, ...u.counts })),
  items: l.entries.map(ledgerItemDto),
});
