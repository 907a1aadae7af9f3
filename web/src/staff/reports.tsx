/** A unit's activity reports (活动报告, 五.1): filed and changed by the applicant, attached to its nomination. */
import { useState } from 'preact/hooks';
import { type ActivityReport, api, type Nomination, postFile } from '../api';
import { t } from '../i18n';
import { ErrorBox, Loaded, useAsync } from '../ui';
import { useAction } from './action';

type Draft = { title: string; date: string; text: string };

const ReportForm = ({
  initial,
  submitLabel,
  onSave,
}: {
  initial: Draft;
  submitLabel: string;
  onSave: (draft: Draft) => Promise<unknown>;
}) => {
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof Draft) => (e: Event) =>
    setDraft({ ...draft, [key]: (e.target as HTMLInputElement | HTMLTextAreaElement).value });
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <label>
        {t('标题', 'Title')}
        <input value={draft.title} maxLength={100} onInput={set('title')} />
      </label>
      <label>
        {t('活动日期', 'Date')}
        <input type="date" value={draft.date} onInput={set('date')} />
      </label>
      <label>
        {t('报告内容', 'Report')}
        <textarea rows={6} value={draft.text} maxLength={5000} onInput={set('text')} />
      </label>
      <button type="submit" class="primary">
        {submitLabel}
      </button>
    </form>
  );
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A report's verified photos, and (while it may change) a JPEG or PNG to add: at most 9, 500 KB to 2 MB each. */
const ReportPhotos = ({ rid }: { rid: string }) => {
  const report = useAsync(() => api.activityReport(rid), [rid]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const add = async (files: FileList | null) => {
    setError(undefined);
    setBusy(true);
    try {
      for (const file of Array.from(files ?? [])) {
        const before = (await api.activityReport(rid)).photos.length;
        const post = await api.requestReportUpload(rid, {
          kind: 'report_photo',
          contentType: file.type || 'application/octet-stream',
          size: file.size,
          filename: file.name,
        });
        await postFile(post, file, () => undefined);
        // The verifier runs on S3's ObjectCreated event: wait until the photo is shown (or 20 s).
        for (let i = 0; i < 40 && (await api.activityReport(rid)).photos.length === before; i++) await wait(500);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      report.reload();
    }
  };
  return (
    <div class="report-photos">
      <Loaded async={report}>
        {(r) => (
          <p>
            {r.photos.map((p) => (
              <img
                key={p.url}
                src={p.thumbnail?.url ?? p.url}
                alt={t('活动照片', 'Activity photo')}
                width={96}
                loading="lazy"
              />
            ))}
          </p>
        )}
      </Loaded>
      <label>
        {t('添加活动照片（JPEG 或 PNG，500KB-2MB，最多 9 张）', 'Add photos (JPEG or PNG, 500 KB-2 MB, 9 at most)')}
        <input
          type="file"
          accept="image/jpeg,image/png"
          multiple
          disabled={busy}
          onChange={(e) => add((e.target as HTMLInputElement).files)}
        />
      </label>
      {busy && <p aria-live="polite">{t('正在上传并核验…', 'Uploading and checking…')}</p>}
      {error !== undefined && <ErrorBox error={error} />}
    </div>
  );
};

export const ActivityReports = ({ cid }: { cid: string }) => {
  const reports = useAsync(() => api.activityReports(cid), [cid]);
  const [editing, setEditing] = useState<string>();
  const [round, setRound] = useState(0);
  const { run, view } = useAction();
  const save = (what: string, action: () => Promise<unknown>) =>
    run(what, action, () => {
      setEditing(undefined);
      setRound((r) => r + 1);
      reports.reload();
    });
  return (
    <>
      {view}
      <Loaded async={reports}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('还没有活动报告。', 'No activity reports yet.')}</p>
          ) : (
            <ul class="cards" data-testid="reports">
              {list.map((r) => (
                <li key={r.id} class="card">
                  <strong>{r.title}</strong> · {r.date} · {r.unitName}
                  {editing === r.id ? (
                    <ReportForm
                      initial={{ title: r.title, date: r.date, text: r.text }}
                      submitLabel={t('保存修改', 'Save changes')}
                      onSave={(draft) =>
                        save(t('报告已修改', 'Report changed'), () => api.updateActivityReport(r.id, draft))
                      }
                    />
                  ) : (
                    <>
                      <p class="report-text">{r.text}</p>
                      <ReportPhotos rid={r.id} />
                      <button type="button" onClick={() => setEditing(r.id)}>
                        {t('修改', 'Edit')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <h2>{t('提交活动报告', 'File a report')}</h2>
      <ReportForm
        key={round}
        initial={{ title: '', date: '', text: '' }}
        submitLabel={t('提交报告', 'File the report')}
        onSave={(draft) => save(t('报告已提交', 'Report filed'), () => api.fileActivityReport(cid, draft))}
      />
    </>
  );
};

/** On the applicant's nomination: which of the unit's reports go with it (the whole list, replaced). */
export const AttachReports = ({
  cid,
  n,
  act,
}: {
  cid: string;
  n: Nomination;
  act: (what: string, action: () => Promise<unknown>) => void;
}) => {
  const reports = useAsync(() => api.activityReports(cid), [cid]);
  const [chosen, setChosen] = useState<string[]>(n.activityReportIds ?? []);
  return (
    <fieldset id="field-activityReportIds">
      <legend>{t('附上活动报告', 'Attach activity reports')}</legend>
      <Loaded async={reports}>
        {(list: ActivityReport[]) => (
          <>
            {list.map((r) => (
              <label key={r.id} class="inline">
                <input
                  type="checkbox"
                  checked={chosen.includes(r.id)}
                  onChange={(e) =>
                    setChosen(
                      (e.target as HTMLInputElement).checked ? [...chosen, r.id] : chosen.filter((c) => c !== r.id),
                    )
                  }
                />{' '}
                {r.title} · {r.date}
              </label>
            ))}
            <button
              type="button"
              onClick={() =>
                act(t('活动报告已附上', 'Reports attached'), () =>
                  api.updateNomination(n.id, { activityReportIds: chosen }),
                )
              }
            >
              {t('保存附件报告', 'Save the attached reports')}
            </button>
          </>
        )}
      </Loaded>
    </fieldset>
  );
};
