/**
 * S3 ObjectCreated under `campaigns/`: verifies each uploaded object (a nomination's file or a report's photo) for
 * real (size, magic bytes, dimensions, count). A failure throws, so the event is retried; a bad upload is not a failure.
 */
import type { S3Event } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { makeThumbnail } from '../../shared/uploads/make-thumbnail';
import { verifyUploadedObject } from '../../shared/uploads/uploads';
import { activityReports, campaigns, nominations, uploadStorage, uploads } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';

export const verifyUpload = defineWorker({
  id: 'VerifyUpload',
  trigger: { type: 's3', bucket: 'uploads', prefix: 'campaigns/' },
  // The verdict commits only while the nomination (or report) and campaign still take the kind (one transaction).
  uses: {
    uploads: uploads.write,
    storage: uploadStorage.verify,
    nominations: nominations.read,
    campaigns: campaigns.read,
    reports: activityReports.read,
  },
  timeoutSeconds: 30,
  memoryMb: 512,
  handle: (deps) => async (event: S3Event) => {
    for (const record of event.Records) {
      const result = await verifyUploadedObject(record.s3.object.key, { ...deps, makeThumbnail });
      logger.info('Upload checked', { key: record.s3.object.key, ...result });
    }
  },
});

export const handler = serveFunction<S3Event, void>(verifyUpload);
