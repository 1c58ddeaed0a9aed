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

/**
 * An integer or null, as one JSON-schema type list rather than a union: the validator coerces query strings, and with
 * a union it turns a body's 0 into null (null tried first) or its null into 0 (integer first) — a 0-day (即办) limit
 * would be lost. With a type list it coerces only what matches neither.
 */
export const nullableInteger = (range: { minimum?: number; maximum?: number } = {}) => Type.Unsafe<number | null>({ type: ['integer', 'null'], ...range });

export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export type Label = Static<typeof LabelSchema>;
