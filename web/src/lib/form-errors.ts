// Puts a server error next to the form fields it concerns. Validation errors name fields in `details.fields`
// as in the request body (`body.login` from schema checks, `unitCode` from the services); a few other codes
// concern one field, which each form names itself.
import type { FormInstance } from 'antd';
import type { ApiError } from './api-client';
import type { TFunction } from './i18n';

export interface FieldError {
  name: string;
  errors: string[];
}

/** The server's problem text for a field, in words the user can act on (schema messages are English-only). */
function fieldText(t: TFunction, problem: unknown): string {
  const text = typeof problem === 'string' ? problem : '';
  if (text === 'not_found') return t('form.fieldNotFound');
  if (text.startsWith('must have required property')) return t('form.fieldRequired');
  if (text === 'is not allowed') return t('form.fieldNotAllowed');
  return t('form.fieldInvalid');
}

/**
 * How a form reads a server field key (without its `body.` prefix): the form field it belongs to and, when the form
 * knows better words for the problem, its own text. Forms whose request nests the fields (`content.name`) use it.
 */
export type ServerFieldMapper = (key: string, problem: unknown) => { name: string; text?: string };

/**
 * Split `details.fields` into errors for fields the form has and a list of the others (shown with the
 * error message, so nothing the server said is lost).
 */
export function serverFieldErrors(
  error: ApiError,
  formFields: readonly string[],
  t: TFunction,
  mapField?: ServerFieldMapper,
): { fieldErrors: FieldError[]; unplaced: string[] } {
  const fields = error.details.fields;
  const fieldErrors: FieldError[] = [];
  const unplaced: string[] = [];
  if (typeof fields !== 'object' || fields === null) return { fieldErrors, unplaced };
  for (const [key, problem] of Object.entries(fields as Record<string, unknown>)) {
    const bare = key.replace(/^(body|querystring|params)\./, '');
    const mapped = mapField?.(bare, problem);
    const name = mapped?.name ?? bare;
    const text = mapped?.text ?? fieldText(t, problem);
    // Several keys may land on one field (each row of a list): keep every distinct problem.
    const existing = fieldErrors.find((f) => f.name === name);
    if (existing) {
      if (!existing.errors.includes(text)) existing.errors.push(text);
    } else if (formFields.includes(name)) fieldErrors.push({ name, errors: [text] });
    else unplaced.push(`${bare}: ${text}`);
  }
  return { fieldErrors, unplaced };
}

/** The names of the fields currently registered in a form. */
export function formFieldNames(form: FormInstance): string[] {
  return Object.keys(form.getFieldsValue() as Record<string, unknown>);
}
