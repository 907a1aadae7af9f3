/** The judge's scoresheet: the five criteria with their maxima, a comment, conflicts, what is left to score. */
import { useState } from 'preact/hooks';
import { ApiError, api, type Scoresheet } from '../api';
import { FieldMessage } from '../fields';
import { categoryName, t } from '../i18n';
import { ErrorBox, Loaded, useAsync } from '../ui';

/** Why a judge does not score a candidate (the conflict's reason), in the page's language. */
const CONFLICTS: Record<string, [string, string]> = {
  declared: ['本人已申明回避', 'declared by you'],
  'own-unit': ['本人所在单位', 'your own unit'],
  'own-department': ['本人所在主管部门下属单位', 'a unit under your own department'],
};
const conflictName = (reason: string) => (CONFLICTS[reason] ? t(...CONFLICTS[reason]) : reason);

type Candidate = Scoresheet['candidates'][number];

const ScoreForm = ({
  cid,
  candidate,
  criteria,
  open,
  onSaved,
}: {
  cid: string;
  candidate: Candidate;
  criteria: Array<{ key: string; name: string; max: number }>;
  open: boolean;
  onSaved: () => void;
}) => {
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const fields = error instanceof ApiError ? error.fields : [];
  const save = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      await api.score(
        cid,
        candidate.nominationId,
        criteria.map((c) => Number(data.get(c.key))),
        String(data.get('comment') ?? ''),
      );
      setSaved(true);
      setError(undefined);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const id = candidate.nominationId;
  return (
    <form onSubmit={save} class="card" data-nid={id} aria-labelledby={`name-${id}`}>
      <h3 id={`name-${id}`}>
        {candidate.name} <small>{[categoryName(candidate.category), candidate.sector].join(' · ')}</small>
      </h3>
      <p>
        {candidate.score
          ? t(`已评分：${candidate.score.total} 分`, `Scored: ${candidate.score.total}`)
          : t('尚未评分', 'Not scored yet')}
      </p>
      <ErrorBox error={error} />
      <div class="criteria">
        {criteria.map((c, i) => (
          <label key={c.key}>
            {c.name} (0-{c.max})
            <input
              name={c.key}
              type="number"
              inputMode="numeric"
              min={0}
              max={c.max}
              step={1}
              required
              disabled={!open}
              defaultValue={candidate.score ? String(candidate.score.criteria[i]) : ''}
            />
          </label>
        ))}
      </div>
      <FieldMessage fields={fields} path="criteria" />
      <label>
        {t('评语', 'Comment')}
        <textarea name="comment" rows={2} disabled={!open} defaultValue={candidate.score?.comment ?? ''} />
      </label>
      <button type="submit" disabled={!open}>
        {t('保存评分', 'Save the score')}
      </button>
      {saved && (
        <span role="status" class="ok">
          {' '}
          {t('已保存', 'Saved')}
        </span>
      )}
    </form>
  );
};

export const JudgePage = ({ cid }: { cid: string }) => {
  const sheet = useAsync(() => api.scoresheet(cid), [cid]);
  return (
    <Loaded async={sheet}>
      {(s) => {
        const left = s.candidates.filter((c) => !c.score).length;
        return (
          <>
            <p>
              {s.open ? t('评分进行中', 'Judging is open') : t('评分未开放或已结束', 'Judging is not open')} ·{' '}
              <strong data-testid="left">{t(`还有 ${left} 名待评`, `${left} left to score`)}</strong>
            </p>
            {s.conflicts.length > 0 && (
              <>
                <h2>{t('回避', 'Conflicts')}</h2>
                <ul>
                  {s.conflicts.map((c) => (
                    <li key={c.nominationId}>
                      {c.name} · {conflictName(c.reason)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {s.candidates.map((c) => (
              <ScoreForm
                key={c.nominationId}
                cid={cid}
                candidate={c}
                criteria={s.criteria[c.category]}
                open={s.open}
                onSaved={sheet.reload}
              />
            ))}
          </>
        );
      }}
    </Loaded>
  );
};
