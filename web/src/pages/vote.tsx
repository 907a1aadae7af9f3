import { useState } from 'preact/hooks';
import { api, voterSession, type PublicCandidate } from '../api';
import { categoryName, t } from '../i18n';
import { saveReceipts } from '../receipts-store';
import { ErrorBox, Loaded, Page, useAsync } from '../ui';
import { EndVoterSession, VerifyPhone } from '../verify-phone';

/** After the phone is verified (VerifyPhone): choose candidates within today's votes left, per category. */
const Ballot = ({ cid }: { cid: string }) => {
  const candidates = useAsync(() => api.candidates(cid), [cid]);
  const mine = useAsync(() => api.myVotes(cid), [cid]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<number>();

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  };
  const submit = async (event: Event, list: PublicCandidate[]) => {
    event.preventDefault();
    try {
      const { receipts } = await api.vote(cid, [...chosen]);
      const at = new Date().toISOString();
      saveReceipts(
        cid,
        receipts.map((r) => ({ ...r, at, name: list.find((c) => c.id === r.candidateId)?.name ?? r.candidateId })),
      );
      setDone(receipts.length);
      setChosen(new Set());
      setError(undefined);
      mine.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Loaded async={candidates}>
      {(list) => (
        <Loaded async={mine}>
          {(votes) => (
            <form onSubmit={(e) => submit(e, list)}>
              <p class="hint">
                {t(
                  '刚投出的票计票后才会列出，可凭投票凭证查询。',
                  'Votes just cast are listed once counted; follow them by their receipts.',
                )}
              </p>
              {done !== undefined && (
                <p role="status" class="ok">
                  {t(`已投出 ${done} 票。`, `${done} votes cast.`)}{' '}
                  <a href={`/c/${encodeURIComponent(cid)}/receipts`}>{t('查看投票凭证', 'See your receipts')}</a>
                </p>
              )}
              <ErrorBox error={error} />
              {(['window', 'star'] as const).map((category) => {
                const inCategory = list.filter((c) => c.category === category);
                const mineToday = votes.categories[category];
                const left = mineToday?.candidatesLeft ?? 0;
                const picked = inCategory.filter((c) => chosen.has(c.id)).length;
                const voted = new Set(mineToday?.votes.map((v) => v.candidateId));
                if (inCategory.length === 0) return null;
                return (
                  <fieldset key={category}>
                    <legend>
                      {categoryName(category)} ·{' '}
                      <span data-testid={`left-${category}`}>
                        {t(`今日还可投 ${left - picked} 名`, `${left - picked} left today`)}
                      </span>
                    </legend>
                    <ul class="ballot">
                      {inCategory.map((c) => (
                        <li key={c.id}>
                          <label>
                            <input
                              type="checkbox"
                              checked={chosen.has(c.id)}
                              disabled={voted.has(c.id) || (!chosen.has(c.id) && picked >= left)}
                              onChange={() => toggle(c.id)}
                            />
                            <span>
                              {c.name}
                              <small>
                                {c.district.name} · {c.sector}
                                {voted.has(c.id) ? ` · ${t('今日已投', 'voted today')}` : ''}
                              </small>
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                  </fieldset>
                );
              })}
              <button type="submit" class="primary sticky" disabled={chosen.size === 0}>
                {t(`投票（已选 ${chosen.size} 名）`, `Vote (${chosen.size} chosen)`)}
              </button>
            </form>
          )}
        </Loaded>
      )}
    </Loaded>
  );
};

export const VotePage = ({ cid }: { cid: string }) => {
  const [verified, setVerified] = useState(() => voterSession() !== undefined);
  return (
    <Page title={t('投票', 'Vote')}>
      {verified ? (
        <>
          <Ballot cid={cid} />
          <EndVoterSession onEnded={() => setVerified(false)} />
        </>
      ) : (
        <VerifyPhone onVerified={() => setVerified(true)} />
      )}
    </Page>
  );
};
