import { api, type Results } from '../api';
import { beijing, categoryName, t } from '../i18n';
import { Loaded, Page, useAsync } from '../ui';

const Table = ({ results, category }: { results: Results; category: 'window' | 'star' }) => (
  <table class="results" data-category={category}>
    <caption>
      {categoryName(category)} · {t('总票数', 'votes')} {results.tally.categories[category]?.votes ?? 0}
    </caption>
    <thead>
      <tr>
        <th scope="col">{t('名次', 'Rank')}</th>
        <th scope="col">{t('候选', 'Candidate')}</th>
        <th scope="col">{t('县市区', 'District')}</th>
        <th scope="col">{t('票数', 'Votes')}</th>
        <th scope="col">{t('投票得分', 'Vote part')}</th>
        <th scope="col">{t('专家得分', 'Expert part')}</th>
        <th scope="col">{t('总分', 'Total')}</th>
        <th scope="col">{t('表彰', 'Awarded')}</th>
      </tr>
    </thead>
    <tbody>
      {results.categories[category].map((row) => (
        <tr key={row.nominationId} data-nid={row.nominationId}>
          <td>
            {row.rank ?? '—'}
            {row.tie ? t('（并列）', ' (tie)') : ''}
          </td>
          <th scope="row">{row.name}</th>
          <td>{row.districtName}</td>
          <td data-field="votes">{row.votes}</td>
          <td data-field="votePart">{row.votePart}</td>
          <td data-field="expertPart">
            {row.expertPart}
            <small>
              {t('评委分', 'judges')}: {row.judgeTotals.join(', ') || '—'}
            </small>
          </td>
          <td data-field="total">{row.total}</td>
          <td data-field="awarded">
            {row.disqualified ? t('取消资格', 'disqualified') : row.awarded ? t('是', 'yes') : t('否', 'no')}
            {row.override && <small>{t('经调整', 'overridden')}</small>}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** The results with the method, every figure, how to check the tally, and the void ledger. */
export const ResultsPage = ({ cid }: { cid: string }) => {
  const results = useAsync(() => api.results(cid), [cid]);
  const files = useAsync(() => api.resultFiles(cid), [cid]);
  const voids = useAsync(() => api.voids(cid), [cid]);
  return (
    <Page title={t('评选结果', 'Results')}>
      <Loaded async={results}>
        {(r) => (
          <>
            <p>
              {r.name} · {t('第', 'version ')}
              {r.version}
              {t('版', '')} · {beijing(r.computedAt)}
            </p>
            <h2>{t('计分方法', 'Method')}</h2>
            <p class="prose">{t(r.method, r.methodEn)}</p>
            <div class="scroll">
              <Table results={r} category="window" />
              <Table results={r} category="star" />
            </div>
            {r.overrides.length > 0 && (
              <>
                <h2>{t('表彰调整', 'Overrides')}</h2>
                <ul>
                  {r.overrides.map((o) => (
                    <li key={`${o.nominationId}-${o.at}`}>
                      {o.nominationId}: {o.awarded ? t('表彰', 'awarded') : t('不表彰', 'not awarded')} — {o.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h2>{t('如何核验计票', 'How to check the tally')}</h2>
            <p>
              {t('总票数', 'Votes counted')} {r.tally.total} · {t('作废', 'voided')} {r.tally.voided} ·{' '}
              {t('默克尔根', 'Merkle root')} <code class="hash">{r.tally.root}</code>
            </p>
          </>
        )}
      </Loaded>
      <Loaded async={files}>
        {(f) => (
          <>
            <ul>
              {[f.results, f.votes, f.overrides].map((file) => (
                <li key={file.name}>
                  <a href={file.url} download={file.name} data-native>
                    {file.name}
                  </a>{' '}
                  SHA-256 <code class="hash">{file.sha256}</code>
                </li>
              ))}
            </ul>
            <pre class="command">npm run verify-tally -- results.json votes.jsonl overrides.json</pre>
            <p class="hint">{f.verify}</p>
          </>
        )}
      </Loaded>
      <h2>{t('作废票公示', 'Voided votes')}</h2>
      <Loaded async={voids}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('没有作废的投票。', 'No vote has been voided.')}</p>
          ) : (
            <ul>
              {list.map((v) => (
                <li key={v.voidId}>
                  {beijing(v.at)} · {v.reason} · {t('作废', 'voided')} {v.receiptIds.length} {t('票', 'votes')}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
};
