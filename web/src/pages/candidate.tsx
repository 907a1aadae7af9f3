import { useState } from 'preact/hooks';
import { ApiError, api, setVoterSession, voterSession } from '../api';
import { t } from '../i18n';
import { ErrorBox, Loaded, Page, useAsync } from '../ui';
import { FieldMessage } from '../fields';
import { VerifyPhone } from '../verify-phone';

/**
 * The objection form (异议), open while the list is on notice and after the results are announced.
 * Like voting, it needs a verified phone first: the objection names that number.
 */
const ObjectionForm = ({ cid, nid }: { cid: string; nid: string }) => {
  const [session, setSession] = useState(voterSession);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  const fields = error instanceof ApiError ? error.fields : [];
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!session) return;
    const data = new FormData(event.target as HTMLFormElement);
    try {
      await api.object(cid, nid, {
        name: String(data.get('name')),
        phone: session.phone,
        content: String(data.get('content')),
        notify: data.get('notify') === 'on',
      });
      setSent(true);
      setError(undefined);
    } catch (e) {
      // The session ended meanwhile (elsewhere, or it expired): verify again.
      if (e instanceof ApiError && e.status === 401) {
        setVoterSession(null);
        setSession(undefined);
      }
      setError(e);
    }
  };
  if (!session)
    return (
      <section class="stack">
        <h2>{t('提出异议', 'Raise an objection')}</h2>
        <p>{t('提出异议前请先验证手机号码。', 'Verify your mobile number before you raise an objection.')}</p>
        <ErrorBox error={error} />
        <VerifyPhone onVerified={() => setSession(voterSession())} />
      </section>
    );
  if (sent)
    return (
      <p role="status">{t('异议已提交，评选办将核实处理。', 'Objection received: the office will look into it.')}</p>
    );
  return (
    <form onSubmit={submit} class="stack" noValidate>
      <h2>{t('提出异议', 'Raise an objection')}</h2>
      <ErrorBox error={error} />
      <label>
        {t('姓名', 'Your name')}
        <input name="name" required maxLength={30} autoComplete="name" />
        <FieldMessage fields={fields} path="name" />
      </label>
      <label>
        {t('联系电话（已验证）', 'Your phone (verified)')}
        <input name="phone" value={session.phone} readOnly />
        <FieldMessage fields={fields} path="phone" />
      </label>
      <label>
        {t('异议内容', 'What is wrong')}
        <textarea name="content" required rows={4} />
        <FieldMessage fields={fields} path="content" />
      </label>
      <label>
        <input type="checkbox" name="notify" />
        {t('处理结果短信告知我', 'Text me the ruling')}
      </label>
      <button type="submit">{t('提交异议', 'Send')}</button>
    </form>
  );
};

export const CandidatePage = ({ cid, nid }: { cid: string; nid: string }) => {
  const candidate = useAsync(() => api.candidate(cid, nid), [cid, nid]);
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const objectionsOpen = campaign.data && ['publicity', 'announcement'].includes(campaign.data.stage);
  return (
    <Page title={candidate.data?.name ?? t('候选', 'Candidate')}>
      <Loaded async={candidate}>
        {(c) => (
          <article>
            <p>
              {c.categoryName} · {c.district.name} · {c.sector}
              {c.post ? ` · ${c.post}` : ''}
            </p>
            {c.unit !== c.name && <p>{c.unit}</p>}
            <div class="photos">
              {c.photos.map((p) => (
                <img
                  key={p.url}
                  src={p.url}
                  alt={`${c.name} ${p.kind}`}
                  width={p.width ?? 320}
                  height={p.height ?? 240}
                  loading="lazy"
                />
              ))}
            </div>
            <h2>{t('服务宣言', 'Declaration')}</h2>
            <p>{c.declaration}</p>
            <h2>{t('主要事迹', 'Deeds')}</h2>
            <p class="prose">{c.deeds}</p>
            {c.honours && (
              <>
                <h2>{t('所获荣誉', 'Honours')}</h2>
                <p class="prose">{c.honours}</p>
              </>
            )}
            {campaign.data?.stage === 'voting' && (
              <p>
                <a class="button primary" href={`/c/${encodeURIComponent(cid)}/vote`}>
                  {t('去投票', 'Vote')}
                </a>
              </p>
            )}
          </article>
        )}
      </Loaded>
      {objectionsOpen && <ObjectionForm cid={cid} nid={nid} />}
    </Page>
  );
};
