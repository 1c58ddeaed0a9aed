import { Type, type Static } from 'typebox';
import { UUID_PATTERN } from './ids.ts';

/** Schemas shared by several modules' contracts. */
export const LabelSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const UnitRefSchema = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const IdParams = Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }, { additionalProperties: false });

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }),
});

/** Standard error responses for the OpenAPI document. */
export const errorResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export type Label = Static<typeof LabelSchema>;
