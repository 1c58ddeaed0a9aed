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
 * Split `details.fields` into errors for fields the form has and a list of the others (shown with the
 * error message, so nothing the server said is lost).
 */
export function serverFieldErrors(error: ApiError, formFields: readonly string[], t: TFunction): { fieldErrors: FieldError[]; unplaced: string[] } {
  const fields = error.details.fields;
  const fieldErrors: FieldError[] = [];
  const unplaced: string[] = [];
  if (typeof fields !== 'object' || fields === null) return { fieldErrors, unplaced };
  for (const [key, problem] of Object.entries(fields as Record<string, unknown>)) {
    const bare = key.replace(/^(body|querystring|params)\./, '');
    const text = fieldText(t, problem);
    if (formFields.includes(bare)) fieldErrors.push({ name: bare, errors: [text] });
    else unplaced.push(`${bare}: ${text}`);
  }
  return { fieldErrors, unplaced };
}

/** The names of the fields currently registered in a form. */
export function formFieldNames(form: FormInstance): string[] {
  return Object.keys(form.getFieldsValue() as Record<string, unknown>);
}
