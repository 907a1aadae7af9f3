/** Nominations: the applicant's form and uploads, the department's and district's queues, the office's review. */
import { useState } from 'preact/hooks';
import { ApiError, api, call, type Category, type Nomination, staffUser } from '../api';
import { beijing, categoryName, statusName, t } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Loaded, useAsync } from '../ui';
import { ErrorSummary, type FormValues, labelsOf, SchemaForm } from './schema-form';
import { openHtml } from './files';
import { Publications } from './publications';
import { AttachReports } from './reports';
import { Uploads } from './uploads';

const UPLOAD_KINDS: Record<Category, string[]> = {
  window: ['unit_photo', 'activity_photo', 'certificate'],
  star: ['portrait', 'activity_photo', 'certificate'],
};
const UPLOAD_LABELS = {
  'uploads.activity_photo': '活动照片',
  'uploads.portrait': '2寸个人照片',
  'uploads.unit_photo': '5寸单位形象照片',
  'uploads.endorsement_scan': '评估意见扫描件',
};

const nominationName = (n: Nomination) => String(n.form.unitName ?? n.form.name ?? n.id);
const href = (cid: string, rest = '') => `/staff/${encodeURIComponent(cid)}/nominations${rest}`;

/** The list the caller may see: an applicant's own, a department's or district's queue, the office's review queue. */
export const NominationList = ({ cid }: { cid: string }) => {
  const user = staffUser()!;
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const list = useAsync(
    () =>
      call<{ nominations: Nomination[]; quota?: Quota }>(
        'GET',
        `/campaigns/${encodeURIComponent(cid)}/nominations${status ? `?status=${status}` : ''}`,
      ),
    [cid, status],
  );
  const isDistrict = user.roles.includes('district');
  const forward = async (n: Nomination) => {
    setError(undefined);
    setDone('');
    try {
      await api.forward(n.id);
      setDone(t(`已报送：${nominationName(n)}`, `Forwarded: ${nominationName(n)}`));
    } catch (e) {
      setError(e);
    }
    list.reload();
  };
  return (
    <>
      {user.roles.includes('applicant') && (
        <p>
          <a class="button primary" href={href(cid, '/new')}>
            {t('新建申报', 'New nomination')}
          </a>
        </p>
      )}
      <label>
        {t('按状态筛选', 'Status')}
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">{t('全部', 'All')}</option>
          {['draft', 'submitted', 'returned', 'endorsed', 'forwarded', 'approved', 'rejected', 'disqualified'].map(
            (s) => (
              <option key={s} value={s}>
                {statusName(s)}
              </option>
            ),
          )}
        </select>
      </label>
      {done && (
        <p role="status" class="ok">
          {done}
        </p>
      )}
      <ErrorBox error={error} />
      <Loaded async={list}>
        {({ nominations, quota }) => (
          <>
            {quota && <QuotaTable quota={quota} />}
            {nominations.length === 0 ? (
              <p>{t('没有申报。', 'No nominations.')}</p>
            ) : (
              <table class="queue">
                <thead>
                  <tr>
                    <th scope="col">{t('申报对象', 'Nominee')}</th>
                    <th scope="col">{t('类别', 'Category')}</th>
                    <th scope="col">{t('状态', 'Status')}</th>
                    <th scope="col">{t('操作', 'Action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {nominations.map((n) => (
                    <tr key={n.id} data-nid={n.id}>
                      <th scope="row">
                        <a href={href(cid, `/${encodeURIComponent(n.id)}`)}>{nominationName(n)}</a>
                        <small>
                          {n.sector} · {beijing(n.updatedAt)}
                        </small>
                      </th>
                      <td>{categoryName(n.category)}</td>
                      <td>{statusName(n.status)}</td>
                      <td>
                        {isDistrict && n.status === 'endorsed' && (
                          <button type="button" onClick={() => forward(n)}>
                            {t('报送', 'Forward')}
                            <span class="sr-only"> {nominationName(n)}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loaded>
      {isDistrict && <Publications cid={cid} />}
    </>
  );
};

interface Quota {
  district: string;
  window: { quota: number; used: number; left: number };
  star: { quota: number; used: number; left: number };
}

const QuotaTable = ({ quota }: { quota: Quota }) => (
  <table class="quota">
    <caption>{t('推荐名额', 'Recommend places')}</caption>
    <thead>
      <tr>
        <th scope="col">{t('类别', 'Category')}</th>
        <th scope="col">{t('名额', 'Places')}</th>
        <th scope="col">{t('已用', 'Used')}</th>
        <th scope="col">{t('剩余', 'Left')}</th>
      </tr>
    </thead>
    <tbody>
      {(['window', 'star'] as const).map((c) => (
        <tr key={c} data-category={c}>
          <th scope="row">{categoryName(c)}</th>
          <td>{quota[c].quota}</td>
          <td data-field="used">{quota[c].used}</td>
          <td data-field="left">{quota[c].left}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** The applicant files a new nomination: category and sector, then the form as a draft. */
export const NewNomination = ({ cid }: { cid: string }) => {
  const user = staffUser()!;
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const [category, setCategory] = useState<Category>('window');
  const schema = useAsync(() => api.form(cid, category), [cid, category]);
  const [sector, setSector] = useState('');
  const [values, setValues] = useState<FormValues>({});
  const [error, setError] = useState<unknown>();
  const fields = error instanceof ApiError ? error.fields : [];
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const created = await api.createNomination(cid, {
        category,
        district: user.district ?? '',
        sector,
        form: values,
      });
      navigate(href(cid, `/${encodeURIComponent(created.id)}`));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={save} noValidate>
      <ErrorSummary fields={fields} labels={{ ...labelsOf(schema.data), sector: t('行业', 'Sector') }} />
      <ErrorBox error={fields.length ? undefined : error} />
      <label>
        {t('申报类别', 'Category')}
        <select value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value as Category)}>
          <option value="window">{categoryName('window')}</option>
          <option value="star">{categoryName('star')}</option>
        </select>
      </label>
      <Loaded async={campaign}>
        {(c) => (
          <label id="field-sector">
            {t('行业', 'Sector')}
            <select required value={sector} onChange={(e) => setSector((e.target as HTMLSelectElement).value)}>
              <option value="">{t('请选择', 'Choose')}</option>
              {c.rules.sectors.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </Loaded>
      <Loaded async={schema}>
        {(s) => (
          <>
            <h2>{s.title}</h2>
            <SchemaForm schema={s} values={values} fields={fields} onChange={setValues} />
          </>
        )}
      </Loaded>
      <button type="submit" class="primary">
        {t('保存草稿', 'Save the draft')}
      </button>
    </form>
  );
};

/** Opens the API's printable page (it needs the bearer token, so it is fetched, then shown). */
/** The signed paper copies (一式两份): what the office recorded, and recording them as they arrive. */
const PaperCopies = ({ n, act }: { n: Nomination; act: (what: string, action: () => Promise<unknown>) => void }) => {
  const [copies, setCopies] = useState('2');
  const [note, setNote] = useState('');
  const recorded = n.paperCopies;
  return (
    <div class="stack">
      <h2>{t('纸质申报表', 'Paper copies')}</h2>
      <p data-testid="paper-copies">
        {recorded
          ? t(
              `已收到 ${recorded.copies} 份（${beijing(recorded.receivedAt)}，${recorded.by} 登记）`,
              `${recorded.copies} received (${beijing(recorded.receivedAt)}, recorded by ${recorded.by})`,
            )
          : t('尚未登记', 'None recorded')}
      </p>
      <label>
        {t('份数', 'Copies')}
        <input
          type="number"
          min={1}
          max={20}
          value={copies}
          onInput={(e) => setCopies((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('备注', 'Note')}
        <input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      <button
        type="button"
        onClick={() =>
          act(t('已登记纸质申报表', 'Paper copies recorded'), () => api.recordPaperCopies(n.id, Number(copies), note))
        }
      >
        {t('登记收到', 'Record as received')}
      </button>
    </div>
  );
};

/** One nomination, with what the caller may do with it. */
export const NominationPage = ({ cid, nid }: { cid: string; nid: string }) => {
  const user = staffUser()!;
  const nomination = useAsync(() => api.nomination(nid), [nid]);
  const schema = useAsync(
    () => (nomination.data ? api.form(cid, nomination.data.category) : Promise.resolve(undefined)),
    [cid, nomination.data?.category],
  );
  const [values, setValues] = useState<FormValues>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const fields = error instanceof ApiError ? error.fields : [];
  const declarations = schema.data?.properties?.declarations;

  const act = async (what: string, action: () => Promise<unknown>) => {
    setError(undefined);
    setDone('');
    try {
      await action();
      setDone(what);
      nomination.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Loaded async={nomination}>
      {(n) => {
        const owner = n.owner === user.username;
        const editable = owner && (n.status === 'draft' || n.status === 'returned');
        const form = values ?? (n.form as FormValues);
        const isDepartment = user.roles.includes('department') && n.status === 'submitted';
        return (
          <>
            <h2>
              {nominationName(n)} · {categoryName(n.category)}
            </h2>
            <p>
              {t('状态', 'Status')}: <strong data-testid="status">{statusName(n.status)}</strong> · {n.sector} ·{' '}
              <button
                type="button"
                class="link"
                onClick={() => openHtml(`/nominations/${encodeURIComponent(n.id)}/print`).catch(setError)}
              >
                {t('打印预览', 'Print view')}
              </button>
            </p>
            <ErrorSummary fields={fields} labels={{ ...labelsOf(schema.data), ...UPLOAD_LABELS }} />
            <ErrorBox error={fields.length ? undefined : error} />
            {done && (
              <p role="status" class="ok">
                {done}
              </p>
            )}
            <Loaded async={schema}>
              {(s) =>
                s && (
                  <form
                    noValidate
                    onSubmit={(e) => {
                      e.preventDefault();
                      act(t('草稿已保存', 'Draft saved'), () => api.updateNomination(n.id, { form }));
                    }}
                  >
                    <SchemaForm schema={s} values={form} fields={fields} disabled={!editable} onChange={setValues} />
                    {editable && <button type="submit">{t('保存', 'Save')}</button>}
                  </form>
                )
              }
            </Loaded>
            <Uploads nid={n.id} kinds={UPLOAD_KINDS[n.category]} editable={editable} fields={fields} />
            {editable && <AttachReports cid={cid} n={n} act={act} />}
            {isDepartment && <Uploads nid={n.id} kinds={['endorsement_scan']} editable fields={fields} />}
            {editable && (
              <p>
                <button
                  type="button"
                  class="primary"
                  onClick={() => act(t('已提交主管部门', 'Submitted'), () => api.submit(n.id))}
                >
                  {t('提交申报', 'Submit')}
                </button>
              </p>
            )}
            {(isDepartment || (user.roles.includes('admin') && n.status === 'forwarded')) && (
              <div class="stack">
                <label>
                  {isDepartment ? t('评估意见', 'Opinion') : t('审核意见', 'Reason')}
                  <textarea rows={3} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
                </label>
                {isDepartment && declarations && (
                  <fieldset id="field-confirmed">
                    <legend>{t('逐项确认申报承诺', "Confirm each of the applicant's declarations")}</legend>
                    {declarations.description && <small>{declarations.description}</small>}
                    {(declarations.items?.enum ?? []).map((d) => (
                      <label key={d} class="inline">
                        <input
                          type="checkbox"
                          checked={confirmed.includes(d)}
                          onChange={(e) =>
                            setConfirmed(
                              (e.target as HTMLInputElement).checked
                                ? [...confirmed, d]
                                : confirmed.filter((c) => c !== d),
                            )
                          }
                        />{' '}
                        {t(`确认${d}`, `Confirm ${d}`)}
                      </label>
                    ))}
                  </fieldset>
                )}
                {isDepartment ? (
                  <div class="actions">
                    <button
                      type="button"
                      class="primary"
                      onClick={() => act(t('已推荐', 'Endorsed'), () => api.endorse(n.id, 'endorse', note, confirmed))}
                    >
                      {t('同意推荐', 'Endorse')}
                    </button>
                    <button
                      type="button"
                      onClick={() => act(t('已退回', 'Returned'), () => api.endorse(n.id, 'return', note))}
                    >
                      {t('退回修改', 'Return')}
                    </button>
                  </div>
                ) : (
                  <div class="actions">
                    <button
                      type="button"
                      class="primary"
                      onClick={() => act(t('审核通过', 'Approved'), () => api.review(n.id, 'approve', note))}
                    >
                      {t('审核通过', 'Approve')}
                    </button>
                    <button
                      type="button"
                      onClick={() => act(t('未通过', 'Rejected'), () => api.review(n.id, 'reject', note))}
                    >
                      {t('不通过', 'Reject')}
                    </button>
                  </div>
                )}
              </div>
            )}
            {user.roles.includes('district') && n.status === 'endorsed' && (
              <div class="stack">
                <button
                  type="button"
                  class="primary"
                  onClick={() => act(t('已报送', 'Forwarded'), () => api.forward(n.id))}
                >
                  {t('报送评选办', 'Forward to the office')}
                </button>
                <label>
                  {t('退回理由', 'Reason for returning')}
                  <textarea rows={3} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
                </label>
                <button
                  type="button"
                  onClick={() =>
                    act(t('已退回主管部门', 'Returned to the department'), () => api.returnToDepartment(n.id, note))
                  }
                >
                  {t('退回主管部门', 'Return to the department')}
                </button>
              </div>
            )}
            {user.roles.includes('admin') && n.status !== 'draft' && n.status !== 'returned' && (
              <PaperCopies n={n} act={act} />
            )}
            {user.roles.includes('admin') && (
              <p>
                <button
                  type="button"
                  onClick={() =>
                    act(t('归档包已生成', 'Archive ready'), async () =>
                      window.open((await api.archive(n.id)).url, '_blank', 'noopener'),
                    )
                  }
                >
                  {t('下载归档包（ZIP）', 'Download the archive (ZIP)')}
                </button>
              </p>
            )}
            <h2>{t('办理记录', 'History')}</h2>
            <ol class="history">
              {n.history.map((h) => (
                <li key={`${h.at}-${h.status}`}>
                  {beijing(h.at)} · {statusName(h.status)} · {h.by}
                  {h.note ? ` · ${h.note}` : ''}
                </li>
              ))}
            </ol>
          </>
        );
      }}
    </Loaded>
  );
};
