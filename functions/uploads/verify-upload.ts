/**
 * S3 ObjectCreated under `campaigns/`: verifies each uploaded object for real (size, magic bytes,
 * dimensions, count). A failure throws, so the event is retried; a bad upload is not a failure.
 */
import type { S3Event } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { verifyUploadedObject } from '../../shared/uploads/uploads';
import { uploadDeps } from './wiring';

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const result = await verifyUploadedObject(record.s3.object.key, uploadDeps);
    logger.info('Upload checked', { key: record.s3.object.key, ...result });
  }
};
