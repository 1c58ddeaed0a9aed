import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DomainError } from '../../shared/errors.ts';
import { checkUpload, checkUploadCount, DOCX, extensionOf, sniffMediaType, UPLOAD_LIMITS, XLSX, type UploadRefusal } from './upload.rules.ts';

// Real, minimal files: a PDF with its header and trailer, a 1×1 PNG, a JFIF JPEG header.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

/** A ZIP with stored (uncompressed) entries, enough to stand for an Office file's container. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const OOXML = { '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>' };
const DOCX_FILE = zip({ ...OOXML, 'word/document.xml': '<w:document/>' });
const DOCM_FILE = zip({ ...OOXML, 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'macro' });
const PLAIN_ZIP = zip({ 'readme.txt': 'hello' });

async function realXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('材料清单').addRow(['营业执照', 1]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function refusedWith(reason: UploadRefusal, extra: Record<string, unknown> = {}) {
  return (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, 'upload.refused');
    assert.equal(e.details.reason, reason);
    for (const [k, v] of Object.entries(extra)) assert.deepEqual(e.details[k], v, k);
    assert.ok(e.text.zh && e.text.en);
    return true;
  };
}

test('each accepted type passes under its own extension, whatever the case of the extension', async () => {
  const xlsx = await realXlsx();
  const accepted: [string, Buffer, string][] = [
    ['营业执照.pdf', PDF, 'application/pdf'],
    ['SCAN.PDF', PDF, 'application/pdf'],
    ['身份证正面.png', PNG, 'image/png'],
    ['photo.jpg', JPEG, 'image/jpeg'],
    ['photo.JPEG', JPEG, 'image/jpeg'],
    ['申请书.docx', DOCX_FILE, DOCX],
    ['材料清单.xlsx', xlsx, XLSX],
    ['a.b.c.pdf', PDF, 'application/pdf'],
  ];
  for (const [name, bytes, type] of accepted) assert.deepEqual(checkUpload({ name, bytes }), { mediaType: type }, name);
});

test('the type comes from the bytes alone', async () => {
  assert.equal(sniffMediaType(PDF), 'application/pdf');
  assert.equal(sniffMediaType(PNG), 'image/png');
  assert.equal(sniffMediaType(JPEG), 'image/jpeg');
  assert.equal(sniffMediaType(DOCX_FILE), DOCX);
  assert.equal(sniffMediaType(await realXlsx()), XLSX);
  // A view into a larger buffer (as a multipart parser may hand over) is read from its own start.
  const framed = Buffer.concat([Buffer.from('--boundary\r\n'), DOCX_FILE, Buffer.from('\r\n--boundary--')]);
  assert.equal(sniffMediaType(framed.subarray(12, 12 + DOCX_FILE.length)), DOCX);
  const unknown: [string, Buffer][] = [
    ['text', Buffer.from('just some text')],
    ['html', Buffer.from('<html><script>alert(1)</script></html>')],
    ['windows executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00')],
    ['PDF marker not at the start', Buffer.from('junk%PDF-1.4')],
    ['PNG signature without IHDR', Buffer.concat([PNG.subarray(0, 8), Buffer.from('xxxxJUNK')])],
    ['a ZIP that is not an Office file', PLAIN_ZIP],
    ['an Office file with macros', DOCM_FILE],
    ['a ZIP cut short (no central directory)', DOCX_FILE.subarray(0, 60)],
    ['a ZIP header and nothing else', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
    ['one byte', Buffer.from([0xff])],
  ];
  for (const [what, bytes] of unknown) assert.equal(sniffMediaType(bytes), null, what);
});

test('a PNG renamed .pdf is refused, naming both the extension and what the bytes are', () => {
  assert.throws(() => checkUpload({ name: '营业执照.pdf', bytes: PNG }), refusedWith('type_not_allowed', { extension: 'pdf', detected: 'image/png' }));
  assert.throws(() => checkUpload({ name: 'scan.png', bytes: JPEG }), refusedWith('type_not_allowed', { extension: 'png', detected: 'image/jpeg' }));
  assert.throws(() => checkUpload({ name: '申请书.xlsx', bytes: DOCX_FILE }), refusedWith('type_not_allowed', { extension: 'xlsx', detected: DOCX }));
});

test('types outside the list are refused, whatever their extension claims', () => {
  const cases: [string, Buffer][] = [
    ['virus.exe', Buffer.from('MZ\x90\x00')],
    ['notes.txt', Buffer.from('hello')],
    ['page.pdf', Buffer.from('<html></html>')],
    ['archive.zip', PLAIN_ZIP],
    ['archive.docx', PLAIN_ZIP],
    ['macro.docm', DOCM_FILE],
    ['macro.docx', DOCM_FILE],
    ['no-extension', PDF],
    ['.pdf', PDF], // a hidden file with no name, only an extension
    ['trailing.', PDF],
    ['x.constructor', PDF],
  ];
  for (const [name, bytes] of cases) assert.throws(() => checkUpload({ name, bytes }), refusedWith('type_not_allowed'), name);
});

test('an empty file is refused', () => {
  assert.throws(() => checkUpload({ name: 'blank.pdf', bytes: Buffer.alloc(0) }), refusedWith('empty', { name: 'blank.pdf' }));
});

test('a file over 10 MiB is refused; exactly 10 MiB passes', () => {
  const limit = UPLOAD_LIMITS.maxFileBytes;
  assert.equal(limit, 10 * 1024 * 1024);
  const atLimit = Buffer.alloc(limit, 0x20);
  PDF.copy(atLimit);
  assert.deepEqual(checkUpload({ name: 'big.pdf', bytes: atLimit }), { mediaType: 'application/pdf' });
  const over = Buffer.alloc(limit + 1, 0x20);
  PDF.copy(over);
  assert.throws(() => checkUpload({ name: 'big.pdf', bytes: over }), refusedWith('too_large', { size: limit + 1, limit }));
});

test('unusable file names are refused before anything else is looked at', () => {
  const bad: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['../../etc/passwd.pdf', 'bad_character'],
    ['/etc/passwd.pdf', 'bad_character'],
    ['C:\\Users\\x\\scan.pdf', 'bad_character'],
    ['dir/scan.pdf', 'bad_character'],
    ['scan\u0000.pdf', 'bad_character'],
    ['scan\n.pdf', 'bad_character'],
    ['scan\u007f.pdf', 'bad_character'],
    ['scan\u0085.pdf', 'bad_character'],
    ['invoice\u202efdp.exe', 'bad_character'], // shows as “invoiceexe.pdf”
    ['report\u2066.pdf', 'bad_character'],
    [' scan.pdf', 'surrounding_space'],
    ['scan.pdf ', 'surrounding_space'],
    ['..', 'dots_only'],
    ['x'.repeat(197) + '.pdf', 'too_long'], // 201 characters
    ['证'.repeat(197) + '.pdf', 'too_long'],
  ];
  for (const [name, problem] of bad) {
    // The bytes are empty and of no accepted type: the name is still what is reported.
    assert.throws(() => checkUpload({ name, bytes: Buffer.alloc(0) }), refusedWith('bad_name', { problem }), JSON.stringify(name));
  }
  // 200 characters is the limit, counted in characters (a Chinese name is not cut short for its UTF-8 length).
  assert.deepEqual(checkUpload({ name: 'x'.repeat(196) + '.pdf', bytes: PDF }), { mediaType: 'application/pdf' });
  assert.deepEqual(checkUpload({ name: '证'.repeat(196) + '.pdf', bytes: PDF }), { mediaType: 'application/pdf' });
  assert.deepEqual(checkUpload({ name: '营业执照 (副本) 2026.pdf', bytes: PDF }), { mediaType: 'application/pdf' });
});

test('an application carries at most 20 files', () => {
  assert.equal(UPLOAD_LIMITS.maxFilesPerApplication, 20);
  checkUploadCount(0);
  checkUploadCount(20);
  assert.throws(() => checkUploadCount(21), refusedWith('too_many', { count: 21, limit: 20 }));
});

test('the refusal speaks both languages and names the file', () => {
  try {
    checkUpload({ name: '营业执照.pdf', bytes: PNG });
    assert.fail('not refused');
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.match(e.text.zh, /营业执照\.pdf/);
    assert.match(e.text.en, /营业执照\.pdf/);
    assert.deepEqual(e.details.allowed, ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'xlsx']);
  }
});

test('extensionOf takes the last extension, lower case', () => {
  assert.equal(extensionOf('a.tar.PDF'), 'pdf');
  assert.equal(extensionOf('README'), '');
  assert.equal(extensionOf('.bashrc'), '');
});
