/**
 * What a judge reads of a candidate beyond the form (issue 11 item 11): the verified photos (thumbnails where they
 * exist), the award certificate copies and the department's stamped evaluation, and the activity reports the
 * nomination attaches with their verified photos. Every link is a short-lived presigned GET of a verifier-checked copy;
 * nothing here carries the nomination's contact data or personal fields.
 */
import type { ActivityReportRepository } from '../activity-reports/report-repository';
import { reportsForJudges } from '../activity-reports/reports';
import { verifiedKey, type UploadKind } from '../uploads/upload';
import type { UploadStorage } from '../uploads/upload-storage';
import { publicPhotos, reportPhotos, type UploadDeps } from '../uploads/uploads';
import type { Candidate } from './candidates';

/** The documents judges read beside the photos: 获奖证书复印件 and 主管部门评估意见扫描件. */
const DOCUMENT_KINDS: readonly UploadKind[] = ['certificate', 'endorsement_scan'];

export interface CaseFileDeps extends Pick<UploadDeps, 'uploads' | 'expiry'> {
  storage: Pick<UploadStorage, 'presignGet'>;
  reports: Pick<ActivityReportRepository, 'get'>;
}

/** A candidate's case files for the scoresheet. */
export type CaseFiles = (candidate: Candidate) => Promise<{
  photos: Awaited<ReturnType<typeof publicPhotos>>;
  /** No file name: the uploader chose it, and it may carry what judges must not read. */
  documents: Array<{ kind: UploadKind; contentType: string; url: string }>;
  activityReports: Array<
    Awaited<ReturnType<typeof reportsForJudges>>[number] & { photos: Awaited<ReturnType<typeof reportPhotos>> }
  >;
}>;

/** Reads each candidate's case files from the uploads and the activity reports. */
export const caseFilesFrom =
  (deps: CaseFileDeps): CaseFiles =>
  async (candidate) => {
    const [photos, uploads, attached] = await Promise.all([
      publicPhotos(candidate.nominationId, deps),
      deps.uploads.list({ nominationId: candidate.nominationId }),
      reportsForJudges(candidate.activityReportIds ?? [], deps),
    ]);
    const documents = await Promise.all(
      uploads
        .filter((u) => u.status === 'verified' && DOCUMENT_KINDS.includes(u.kind))
        .map(async (u) => ({
          kind: u.kind,
          contentType: u.contentType,
          url: await deps.storage.presignGet(verifiedKey(u), deps.expiry.getSeconds),
        })),
    );
    const activityReports = await Promise.all(
      attached.map(async (report) => ({ ...report, photos: await reportPhotos(report.reportId, deps) })),
    );
    return { photos, documents, activityReports };
  };
