import { DomainError } from '../../shared/errors.ts';

/**
 * What an applicant may upload as application material. The type is decided by the file's own bytes, never by the
 * Content-Type the client declares; the extension must name the same type, so that a file opened later by a clerk
 * is what its name says it is.
 */
export type UploadMediaType =
  | 'application/pdf'
  | 'image/jpeg'
  | 'image/png'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const UPLOAD_LIMITS = {
  /** 10 MiB per file: a scanned licence or a multi-page PDF fits, a video does not. */
  maxFileBytes: 10 * 1024 * 1024,
  maxFilesPerApplication: 20,
  /** Characters (code points) in a file name. */
  maxNameLength: 200,
  /** Accepted extensions (lower case, without the dot) and the type each must contain. */
  extensions: {
    pdf: 'application/pdf',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    docx: DOCX,
    xlsx: XLSX,
  } as Readonly<Record<string, UploadMediaType>>,
} as const;

export type UploadRefusal = 'bad_name' | 'empty' | 'too_large' | 'type_not_allowed' | 'too_many';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IHDR = [0x49, 0x48, 0x44, 0x52]; // the first chunk, always
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/**
 * The names in a ZIP file's central directory (where Office files list their parts), or null when the file is not a
 * readable ZIP. Only the directory is read; nothing is decompressed, so a ZIP bomb costs nothing here.
 */
function zipEntryNames(bytes: Uint8Array, maxEntries = 10_000): Set<string> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff || count > maxEntries) return null; // ZIP64: no Office file under the size limit needs it
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) return null;
    names.add(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A Word or Excel (Office Open XML) file by the parts it lists; macro-carrying documents are not accepted. */
function officeType(bytes: Uint8Array): UploadMediaType | null {
  const names = zipEntryNames(bytes);
  if (!names?.has('[Content_Types].xml')) return null;
  const word = names.has('word/document.xml');
  const excel = names.has('xl/workbook.xml');
  if (word === excel) return null;
  if (names.has(word ? 'word/vbaProject.bin' : 'xl/vbaProject.bin')) return null;
  return word ? DOCX : XLSX;
}

/**
 * The type of a file by its leading bytes (and, for Word and Excel files, the parts their ZIP container lists), or
 * null when it is none of the accepted types. The file name plays no part: that is `checkUpload`'s comparison.
 */
export function sniffMediaType(bytes: Uint8Array): UploadMediaType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG) && startsWith(bytes, PNG_IHDR, 12)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, ZIP_LOCAL)) return officeType(bytes);
  return null;
}

/** The lower-case extension after the last dot ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

// Path separators, C0 and C1 controls, and the invisible direction marks that can make a name
// ending in .exe display as one ending in .pdf (a right-to-left override before “fdp.exe”).
// eslint-disable-next-line no-control-regex
const BAD_NAME_CHARACTER = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why a file name cannot be kept, or null when it can. */
export function fileNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'empty';
  if ([...name].length > UPLOAD_LIMITS.maxNameLength) return 'too_long';
  if (BAD_NAME_CHARACTER.test(name)) return 'bad_character';
  if (name !== name.trim()) return 'surrounding_space';
  if (/^\.+$/.test(name)) return 'dots_only';
  return null;
}

const MIB = UPLOAD_LIMITS.maxFileBytes / (1024 * 1024);
const ACCEPTED = { zh: 'PDF、JPEG、PNG、Word（.docx）或 Excel（.xlsx）', en: 'PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx)' };

function refuse(reason: UploadRefusal, zh: string, en: string, details: Record<string, unknown>): DomainError {
  return new DomainError('upload.refused', { zh, en }, { reason, ...details });
}

/**
 * Checks one uploaded file: a usable name, not empty, at most 10 MiB, and bytes of an accepted type that its
 * extension names. Returns the type found; otherwise throws `upload.refused` with `details.reason`.
 */
export function checkUpload(file: { name: string; bytes: Uint8Array }): { mediaType: UploadMediaType } {
  const { name, bytes } = file;
  const problem = fileNameProblem(name);
  if (problem) {
    throw refuse(
      'bad_name',
      `文件名不可用：不能为空，不能含路径分隔符或控制字符，不超过 ${UPLOAD_LIMITS.maxNameLength} 个字符`,
      `The file name cannot be used: it must not be empty, contain path separators or control characters, or exceed ${UPLOAD_LIMITS.maxNameLength} characters`,
      { name: typeof name === 'string' ? name.slice(0, UPLOAD_LIMITS.maxNameLength + 20) : null, problem },
    );
  }
  if (bytes.length === 0) throw refuse('empty', `文件“${name}”是空的`, `The file “${name}” is empty`, { name });
  if (bytes.length > UPLOAD_LIMITS.maxFileBytes) {
    throw refuse('too_large', `文件“${name}”超过 ${MIB} MB 的上限`, `The file “${name}” is larger than the ${MIB} MB limit`, {
      name,
      size: bytes.length,
      limit: UPLOAD_LIMITS.maxFileBytes,
    });
  }
  const extension = extensionOf(name);
  const declared = Object.hasOwn(UPLOAD_LIMITS.extensions, extension) ? UPLOAD_LIMITS.extensions[extension]! : null;
  const detected = sniffMediaType(bytes);
  if (!declared || !detected || declared !== detected) {
    throw refuse(
      'type_not_allowed',
      `文件“${name}”的类型不被接受：只接受 ${ACCEPTED.zh} 文件，且扩展名须与文件内容一致`,
      `The file “${name}” is not of an accepted type: only ${ACCEPTED.en} files are accepted, with an extension that matches their content`,
      { name, extension, detected, allowed: Object.keys(UPLOAD_LIMITS.extensions) },
    );
  }
  return { mediaType: detected };
}

/** Refuses an application with more files than one application may carry. */
export function checkUploadCount(count: number): void {
  const limit = UPLOAD_LIMITS.maxFilesPerApplication;
  if (count > limit) {
    throw refuse('too_many', `每件申请最多上传 ${limit} 个文件（本次 ${count} 个）`, `An application carries at most ${limit} files (this one has ${count})`, {
      count,
      limit,
    });
  }
}
