/** A unit's activity reports (活动报告, 五.1): filed and changed by the applicant, attached to its nomination. */
import { useState } from 'preact/hooks';
import { type ActivityReport, api, type Nomination } from '../api';
import { t } from '../i18n';
import { Loaded, useAsync } from '../ui';
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
