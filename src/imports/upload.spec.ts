import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { receiveImportUpload } from './upload.js';

/** A request whose multipart parts fail as @fastify/multipart fails them. */
function request(failure: Error | null, multipart = true): FastifyRequest {
  return {
    isMultipart: () => multipart,
    async *parts() {
      if (failure) throw failure;
    },
  } as unknown as FastifyRequest;
}

describe('receiveImportUpload', () => {
  it('turns the plugin\'s file-size error into a 413 that names the limit', async () => {
    const tooLarge = Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE', statusCode: 413 });
    const failure = receiveImportUpload(request(tooLarge), {});
    await expect(failure).rejects.toBeInstanceOf(PayloadTooLargeException);
    await expect(failure).rejects.toThrow('the file is larger than 512 MB');
  });

  it('refuses a request that is not multipart, and one without the file', async () => {
    await expect(receiveImportUpload(request(null, false), {})).rejects.toThrow(new BadRequestException('send the file as multipart/form-data, in the field "file"'));
    await expect(receiveImportUpload(request(null), {})).rejects.toThrow('the field "file" is missing');
  });
});
