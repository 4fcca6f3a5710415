/**
 * Bytes of files that are not readable workbooks, for the reader's file checks and the
 * fixture generator. All are built in memory; none is a real user file.
 */
import * as CFB from "cfb";

function cfbBytes(streams: Record<string, Buffer>): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, content);
  return Buffer.from(CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}

/** A CFB container shaped like a password-protected .xlsx (EncryptionInfo + EncryptedPackage). */
export function encryptedXlsxBytes(): Buffer {
  // Agile encryption header (version 4.4) followed by filler; the content is never decrypted.
  const info = Buffer.concat([Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]), Buffer.alloc(504, 0x20)]);
  const pkg = Buffer.alloc(4096, 0xa5);
  return cfbBytes({ EncryptionInfo: info, EncryptedPackage: pkg });
}

/** A CFB container with a "Workbook" stream, as an Excel 97–2003 .xls has. */
export function oldXlsBytes(): Buffer {
  // BOF record (0x0809) of a BIFF8 workbook globals substream, then filler.
  const bof = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]);
  return cfbBytes({ Workbook: Buffer.concat([bof, Buffer.alloc(4096 - bof.length)]) });
}

/** A UTF-8 CSV export of a diagnosis (with BOM, as Excel writes it). */
export function csvBytes(): Buffer {
  const text = "No,診断項目,回答\r\n1,OSとソフトウェアの更新,実施している\r\n2,ウイルス対策ソフト,一部実施している\r\n";
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

/** A valid zip that is a word-processing document, not a workbook (no xl/workbook.xml). */
export function notXlsxZipBytes(): Buffer {
  const cfb = CFB.utils.cfb_new();
  const add = (name: string, xml: string) => CFB.utils.cfb_add(cfb, name, Buffer.from(xml, "utf8"));
  add(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  add(
    "word/document.xml",
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      "<w:body><w:p><w:r><w:t>not a workbook</w:t></w:r></w:p></w:body></w:document>",
  );
  return Buffer.from(CFB.write(cfb, { type: "buffer", fileType: "zip" }) as Uint8Array);
}
