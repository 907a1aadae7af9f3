/** Uploads of a nomination: a presigned POST with a progress bar, then the verifier's verdict. */
import { useState } from 'preact/hooks';
import { api, postFile, type UploadRecord } from '../api';
import { FieldMessage } from '../fields';
import type { FieldError } from '../api';
import { statusName, t } from '../i18n';
import { ErrorBox, Loaded, useAsync } from '../ui';

const KINDS: Record<string, [string, string, string]> = {
  activity_photo: ['活动照片（3-5张，JPEG 500KB-2MB）', 'Activity photos (3-5 JPEG, 500 KB-2 MB)', 'image/jpeg'],
  portrait: ['2寸个人照片（JPEG）', 'Portrait (JPEG)', 'image/jpeg'],
  unit_photo: ['5寸单位形象照片（JPEG 100KB-5MB）', 'Unit photo (JPEG, 100 KB-5 MB)', 'image/jpeg'],
  certificate: [
    '荣誉证书（JPEG、PNG或PDF）',
    'Certificates (JPEG, PNG or PDF)',
    'image/jpeg,image/png,application/pdf',
  ],
  endorsement_scan: ['评估意见（盖章）扫描件', 'Stamped evaluation scan', 'image/jpeg,image/png,application/pdf'],
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const Uploads = ({
  nid,
  kinds,
  editable,
  fields,
}: {
  nid: string;
  kinds: string[];
  editable: boolean;
  fields: FieldError[];
}) => {
  const list = useAsync(() => api.uploads(nid), [nid]);
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [error, setError] = useState<unknown>();

  const upload = async (kind: string, files: FileList | null) => {
    setError(undefined);
    for (const file of Array.from(files ?? [])) {
      const key = `${kind}:${file.name}`;
      try {
        const post = await api.requestUpload(nid, {
          kind,
          contentType: file.type || 'application/octet-stream',
          size: file.size,
          filename: file.name,
        });
        await postFile(post, file, (fraction) => setProgress((p) => ({ ...p, [key]: fraction })));
        // The verifier runs on S3's ObjectCreated event: poll until it has a verdict.
        for (let i = 0; i < 40; i++) {
          const uploads = await api.uploads(nid);
          if (uploads.find((u) => u.uploadId === post.uploadId)?.status !== 'pending') break;
          await wait(500);
        }
      } catch (e) {
        setError(e);
      } finally {
        setProgress(({ [key]: _, ...rest }) => rest);
        list.reload();
      }
    }
  };

  return (
    <section aria-labelledby="uploads-title">
      <h2 id="uploads-title">{t('照片和材料', 'Photos and documents')}</h2>
      <ErrorBox error={error} />
      {kinds.map((kind) => {
        const [zh, en, accept] = KINDS[kind] ?? [kind, kind, '*/*'];
        return (
          <div key={kind} id={`field-uploads.${kind}`} class="upload-kind">
            {editable && (
              <label>
                {t(zh, en)}
                <input
                  type="file"
                  accept={accept}
                  multiple
                  data-kind={kind}
                  onChange={(e) => upload(kind, (e.target as HTMLInputElement).files)}
                />
              </label>
            )}
            {!editable && <h3>{t(zh, en)}</h3>}
            <FieldMessage fields={fields} path={`uploads.${kind}`} />
            {Object.entries(progress)
              .filter(([key]) => key.startsWith(`${kind}:`))
              .map(([key, fraction]) => (
                <label key={key}>
                  {key.slice(kind.length + 1)}
                  <progress max={1} value={fraction} />
                </label>
              ))}
            <Loaded async={list}>
              {(uploads: UploadRecord[]) => (
                <ul>
                  {uploads
                    .filter((u) => u.kind === kind)
                    .map((u) => (
                      <li key={u.uploadId} data-upload-status={u.status}>
                        {u.filename ?? u.uploadId} · <strong>{statusName(u.status)}</strong>
                        {u.reason ? ` · ${t(u.reason, u.reasonEn ?? u.reason)}` : ''}
                      </li>
                    ))}
                </ul>
              )}
            </Loaded>
          </div>
        );
      })}
    </section>
  );
};
