/** The uploads function: presigned POSTs for a nomination's files, their list and their removal. */
import { serveRoutes } from '../runtime/http';
import { listUploadsRoute } from './list-uploads';
import { removeUploadRoute } from './remove-upload';
import { requestUploadRoute } from './request-upload';

export const uploadRoutes = [requestUploadRoute, removeUploadRoute, listUploadsRoute];

export const handler = serveRoutes(uploadRoutes);
