import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { importOptions, type ImportOptionsDto, type ImportQueryDto } from './dto/import.dto.js';

/** @fastify/multipart limits (configure-app.ts registers the plugin with them). */
export const IMPORT_UPLOAD_LIMITS = {
  fileSize: 512 * 1024 * 1024,
  files: 1,
  fields: 10,
  fieldSize: 1000,
  parts: 12,
};

export interface ImportUpload {
  /** The file as saved on this instance, removed once the import has run. */
  path: string;
  fileName: string;
  options: ImportOptionsDto;
}

const UPLOAD_DIR = join(tmpdir(), 'probity-imports');

/**
 * Saves the multipart field `file` to a temporary file (streamed: never held in memory) and
 * reads the options from the query and the form fields. Bad requests are 400s; an over-large
 * file is a 413 that says so.
 */
export async function receiveImportUpload(req: FastifyRequest, query: ImportQueryDto): Promise<ImportUpload> {
  if (!req.isMultipart()) throw new BadRequestException('send the file as multipart/form-data, in the field "file"');
  mkdirSync(UPLOAD_DIR, { recursive: true });
  const fields: Record<string, string> = {};
  let saved: { path: string; fileName: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new BadRequestException(`the file must be sent in the field "file", not "${part.fieldname}"`);
      }
      const path = join(UPLOAD_DIR, `${randomUUID()}.csv`);
      saved = { path, fileName: basename(part.filename || 'upload.csv').slice(0, 255) };
      await pipeline(part.file, createWriteStream(path));
    }
    if (!saved) throw new BadRequestException('the field "file" is missing: send the CSV as multipart/form-data');
    return { ...saved, options: importOptions(query, fields) };
  } catch (error) {
    if (saved) await rm(saved.path, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new PayloadTooLargeException(`the file is larger than ${IMPORT_UPLOAD_LIMITS.fileSize / 1024 / 1024} MB: import it with the CLI (npm run cli -- import)`);
    }
    throw error;
  }
}

export const removeUpload = (upload: ImportUpload): Promise<void> => rm(upload.path, { force: true });
