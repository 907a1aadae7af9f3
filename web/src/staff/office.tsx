/**
 * The activity office's console: settings, stage moves (the dry run's preconditions shown before
 * the move), review queue, objections and rulings, judges and their progress, vote flags and voids,
 * results, overrides, exports and certificates, the audit trail.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type ResultsJob } from '../api';
import { beijing, categoryName, stageName, statusName, t } from '../i18n';
import { Loaded, useAsync } from '../ui';
import { useAction } from './action';
import { download } from './files';
import { Publications } from './publications';
import { Registry } from './registry';

const Stages = ({ cid }: { cid: string }) => {
  const dryRun = useAsync(() => api.transitions(cid), [cid]);
  const [reason, setReason] = useState('');
  const { run, view } = useAction();
  return (
    <Loaded async={dryRun}>
      {(d) => (
        <>
          <p>
            {t('当前阶段', 'Current stage')}: <strong data-testid="stage">{stageName(d.stage)}</strong>
          </p>
          {view}
          {d.next.length === 0 && <p>{t('已是最后阶段。', 'This is the last stage.')}</p>}
          {d.next.map((plan) => (
            <section key={plan.to} aria-labelledby={`move-${plan.to}`}>
              <h2 id={`move-${plan.to}`}>
                {t('进入下一阶段', 'Move to')}: {stageName(plan.to)}
              </h2>
              <table class="preconditions">
                <caption>{t('前置条件检查（预演）', 'Preconditions (dry run)')}</caption>
                <tbody>
                  {plan.preconditions.map((p) => (
                    <tr key={p.key} class={p.passed ? 'pass' : 'fail'} data-passed={String(p.passed)}>
                      <td>{p.passed ? t('✓ 通过', '✓ passed') : t('✗ 未通过', '✗ failed')}</td>
                      <th scope="row">{t(p.description, p.descriptionEn)}</th>
                      <td>{t(p.detail, p.detailEn)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {plan.warnings.length > 0 && (
                <ul class="warnings" aria-label={t('提醒', 'Warnings')}>
                  {plan.warnings.map((w) => (
                    <li key={`${w.key}-${w.district}`}>{w.message}</li>
                  ))}
                </ul>
              )}
              <label>
                {t('变更理由', 'Reason')}
                <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
              </label>
              <button
                type="button"
                class="primary"
                disabled={!plan.allowed}
                onClick={() =>
                  run(
                    t(`已进入：${stageName(plan.to)}`, `Moved to ${stageName(plan.to)}`),
                    () => api.move(cid, plan.to, reason),
                    dryRun.reload,
                  )
                }
              >
                {t(`确认进入「${stageName(plan.to)}」`, `Move to ${stageName(plan.to)}`)}
              </button>
            </section>
          ))}
        </>
      )}
    </Loaded>
  );
};

const Settings = ({ cid }: { cid: string }) => {
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const [patch, setPatch] = useState('');
  const { run, view } = useAction();
  return (
    <Loaded async={campaign}>
      {(c) => (
        <>
          <p>
            {c.name} · {stageName(c.stage)} · {t('配置指纹', 'hash')} <code class="hash">{c.configHash}</code>
          </p>
          {view}
          <label>
            {t(
              '修改配置（JSON，只能修改本阶段仍允许的项）',
              'Change the configuration (JSON; only what the stage still allows)',
            )}
            <textarea
              rows={6}
              value={patch}
              placeholder='{"voting": {"liveCounts": "live"}}'
              onInput={(e) => setPatch((e.target as HTMLTextAreaElement).value)}
            />
          </label>
          <button
            type="button"
            onClick={() =>
              run(t('配置已保存', 'Saved'), () => api.updateCampaign(cid, JSON.parse(patch)), campaign.reload)
            }
          >
            {t('保存配置', 'Save')}
          </button>
          <details>
            <summary>{t('当前配置', 'Current configuration')}</summary>
            <pre class="command">{JSON.stringify(c.config ?? c.rules, null, 2)}</pre>
          </details>
        </>
      )}
    </Loaded>
  );
};

const Objections = ({ cid }: { cid: string }) => {
  const list = useAsync(() => api.objections(cid), [cid]);
  const [reason, setReason] = useState('');
  const { run, view } = useAction();
  return (
    <>
      {view}
      <label>
        {t('裁定理由', 'Reason for the ruling')}
        <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <Loaded async={list}>
        {(objections) =>
          objections.length === 0 ? (
            <p>{t('没有异议。', 'No objections.')}</p>
          ) : (
            <>
              {objections.filter((o) => o.status === 'open').length > 1 && (
                <button
                  type="button"
                  onClick={() => {
                    // Up to 100 in one request; each is ruled and audited on its own.
                    const open = objections.filter((o) => o.status === 'open').map((o) => o.id);
                    run(
                      t('已裁定', 'Ruled'),
                      async () => {
                        const { outcomes } = await api.ruleMany(cid, open.slice(0, 100), 'dismiss', reason);
                        const refused = outcomes.filter((o) => !o.ruled);
                        if (refused.length > 0)
                          throw new Error(
                            refused
                              .map((o) => `${o.id}: ${o.error && t(o.error.message, o.error.messageEn)}`)
                              .join('; '),
                          );
                      },
                      list.reload,
                    );
                  }}
                >
                  {t('全部未裁定的异议不成立', 'Dismiss every open objection')}
                </button>
              )}
              <ul class="cards">
                {objections.map((o) => (
                  <li key={o.id} class="card">
                    <strong>{o.candidateName}</strong> · {statusName(o.status)} · {beijing(o.createdAt)}
                    <p class="prose">{o.content}</p>
                    <small>
                      {o.name} · {o.phone}
                    </small>
                    {o.ruling && <p>{o.ruling.reason}</p>}
                    {o.status === 'open' && (
                      <div class="actions">
                        <button
                          type="button"
                          onClick={() =>
                            run(
                              t('异议成立，已取消资格', 'Upheld'),
                              () => api.rule(o.id, 'uphold', reason),
                              list.reload,
                            )
                          }
                        >
                          {t('异议成立', 'Uphold')}
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            run(t('异议不成立', 'Dismissed'), () => api.rule(o.id, 'dismiss', reason), list.reload)
                          }
                        >
                          {t('异议不成立', 'Dismiss')}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </>
  );
};

const Judges = ({ cid }: { cid: string }) => {
  const progress = useAsync(() => api.judgingProgress(cid), [cid]);
  const { run, view } = useAction();
  const add = (event: Event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>;
    run(
      t('评委已添加', 'Judge added'),
      () =>
        api.addJudge(cid, {
          username: data.username!,
          name: data.name!,
          district: data.district || undefined,
          unit: data.unit || undefined,
        }),
      progress.reload,
    );
  };
  return (
    <>
      {view}
      <form onSubmit={add} class="stack">
        <h2>{t('添加评委', 'Add a judge')}</h2>
        <label>
          {t('用户名', 'Username')}
          <input name="username" required />
        </label>
        <label>
          {t('姓名', 'Name')}
          <input name="name" required />
        </label>
        <label>
          {t('所在县市区（用于回避）', 'District (for conflicts)')}
          <input name="district" />
        </label>
        <label>
          {t('所在单位（用于回避）', 'Unit (for conflicts)')}
          <input name="unit" />
        </label>
        <button type="submit">{t('添加', 'Add')}</button>
      </form>
      <Loaded async={progress}>
        {(p) => (
          <>
            <p>
              {t('缺少评分', 'Missing scores')}: <strong>{p.missingScores}</strong>
              {p.judgingClosed ? ` · ${t('评分已关闭', 'judging closed')}` : ''}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('评委', 'Judge')}</th>
                  <th scope="col">{t('已评/应评', 'Scored / to score')}</th>
                  <th scope="col">{t('回避', 'Conflicts')}</th>
                </tr>
              </thead>
              <tbody>
                {p.judges.map((j) => (
                  <tr key={j.username}>
                    <th scope="row">{j.name}</th>
                    <td>
                      {j.scored} / {j.toScore}
                    </td>
                    <td>{j.conflicts.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              onClick={() =>
                run(
                  t('评分已关闭', 'Judging closed'),
                  () => api.closeJudging(cid, '评委会决定结束评分'),
                  progress.reload,
                )
              }
            >
              {t('结束评分', 'Close judging')}
            </button>
          </>
        )}
      </Loaded>
    </>
  );
};

const Votes = ({ cid }: { cid: string }) => {
  const flags = useAsync(() => api.flags(cid), [cid]);
  const voids = useAsync(() => api.voids(cid), [cid]);
  const [reason, setReason] = useState('');
  const { run, view } = useAction();
  return (
    <>
      {view}
      <label>
        {t('作废理由', 'Reason to void')}
        <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <h2>{t('可疑投票', 'Vote flags')}</h2>
      <Loaded async={flags}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('没有可疑投票。', 'No flags.')}</p>
          ) : (
            <ul class="cards">
              {list.map((f) => (
                <li key={f.flagId} class="card">
                  <strong>{t(f.description, f.descriptionEn)}</strong> · {f.voters} {t('个号码', 'voters')} ·{' '}
                  {f.requests} {t('次投票', 'requests')} · {beijing(f.flaggedAt)}
                  <button
                    type="button"
                    onClick={() =>
                      run(t('已作废', 'Voided'), () => api.voidVotes(cid, { flagId: f.flagId, reason }), voids.reload)
                    }
                  >
                    {t('作废这些票', 'Void these votes')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <h2>{t('作废记录', 'Void ledger')}</h2>
      <Loaded async={voids}>
        {(list) => (
          <ul>
            {list.map((v) => (
              <li key={v.voidId}>
                {beijing(v.at)} · {v.reason} · {v.receiptIds.length} {t('票', 'votes')} · {v.by}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
};

/** Downloads a CSV or certificate the API serves behind the bearer token. */
const JOB_STATES: Record<ResultsJob['state'], [string, string]> = {
  queued: ['排队中', 'Queued'],
  running: ['计算中', 'Running'],
  done: ['已完成', 'Done'],
  failed: ['失败', 'Failed'],
};

/**
 * The results computation: the worker runs it off the request path, so a request answers 202 with
 * its job and the console follows it (every 2 s while queued or running) until it is done or failed.
 */
const Computation = ({ cid, onDone }: { cid: string; onDone: () => void }) => {
  const [job, setJob] = useState<ResultsJob>();
  const { run, view } = useAction();
  const active = job?.state === 'queued' || job?.state === 'running';
  useEffect(() => {
    api.computation(cid).then(setJob, () => setJob(undefined)); // 404 before any request
  }, [cid]);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(
      () =>
        api.computation(cid).then(
          (next) => {
            setJob(next);
            if (next.state === 'done') onDone();
          },
          // A failed look: look again after the same pause.
          () => setJob((current) => current && { ...current }),
        ),
      2000,
    );
    return () => clearTimeout(timer);
  }, [cid, job]);
  return (
    <section aria-labelledby="computation">
      <h2 id="computation">{t('计算结果', 'Computing the results')}</h2>
      {view}
      {job && (
        <p role="status" data-testid="computation">
          {t(...JOB_STATES[job.state])} · {t(`已读 ${job.votesRead} 票`, `${job.votesRead} votes read`)}
          {job.version !== undefined && ` · ${t(`第 ${job.version} 版`, `version ${job.version}`)}`}
          {job.waiting && ` · ${t(job.waiting, job.waitingEn ?? job.waiting)}`}
          {job.error && ` · ${t(job.error, job.errorEn ?? job.error)}`}
        </p>
      )}
      <button
        type="button"
        disabled={active}
        onClick={() => run(t('已请求计算', 'Computation requested'), async () => setJob(await api.computeResults(cid)))}
      >
        {t('重新计算结果', 'Recompute')}
      </button>
    </section>
  );
};

const ResultsTab = ({ cid }: { cid: string }) => {
  const results = useAsync(() => api.results(cid), [cid]);
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const [reason, setReason] = useState('');
  const { run, view } = useAction();
  const base = `/campaigns/${encodeURIComponent(cid)}`;
  return (
    <>
      {view}
      <div class="actions">
        <a href={`/c/${encodeURIComponent(cid)}/results`}>{t('公开结果页', 'Public results page')}</a>
        {(['nominations', 'scores', 'results'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            onClick={() =>
              run(t('已下载', 'Downloaded'), () => download(`${base}/exports/${kind}`, `${cid}-${kind}.csv`))
            }
          >
            {t('导出', 'Export')} {kind}.csv
          </button>
        ))}
        <button
          type="button"
          onClick={() =>
            // A link to the CSV the results worker wrote (too large to pass through the API).
            run(t('已下载', 'Downloaded'), async () => window.location.assign((await api.votesExport(cid)).url))
          }
        >
          {t('导出', 'Export')} votes.csv
        </button>
      </div>
      <Computation cid={cid} onDone={results.reload} />
      <label>
        {t('调整理由', 'Reason for an override')}
        <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <Loaded async={results}>
        {(r) => (
          <>
            {(['window', 'star'] as const).map((category) => (
              <table key={category}>
                <caption>{categoryName(category)}</caption>
                <tbody>
                  {r.categories[category].map((row) => (
                    <tr key={row.nominationId}>
                      <td>{row.rank ?? '—'}</td>
                      <th scope="row">{row.name}</th>
                      <td>{row.total}</td>
                      <td>{row.awarded ? t('表彰', 'awarded') : '—'}</td>
                      <td>
                        {campaign.data?.stage === 'announcement' && (
                          <button
                            type="button"
                            onClick={() =>
                              run(
                                t('已调整', 'Overridden'),
                                () =>
                                  api.override(cid, { nominationId: row.nominationId, awarded: !row.awarded, reason }),
                                results.reload,
                              )
                            }
                          >
                            {row.awarded ? t('取消表彰', 'Withdraw') : t('改为表彰', 'Award')}
                          </button>
                        )}
                        {campaign.data?.stage === 'awarded' && row.awarded && (
                          <button
                            type="button"
                            onClick={() =>
                              run(t('已下载', 'Downloaded'), () =>
                                download(
                                  `${base}/certificates/${encodeURIComponent(row.nominationId)}`,
                                  `${row.name}.html`,
                                ),
                              )
                            }
                          >
                            {t('证书', 'Certificate')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </>
        )}
      </Loaded>
    </>
  );
};

const Audit = ({ cid }: { cid: string }) => {
  const [cursor, setCursor] = useState<string>();
  const page = useAsync(() => api.audit(cid, cursor), [cid, cursor]);
  return (
    <Loaded async={page}>
      {(p) => (
        <>
          <table>
            <tbody>
              {p.entries.map((e, i) => (
                <tr key={`${String(e.at)}-${i}`}>
                  <td>{beijing(String(e.at))}</td>
                  <td>{String(e.by)}</td>
                  <td>{String(e.action)}</td>
                  <td>{String(e.subject ?? '')}</td>
                  <td>{String(e.reason ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.nextCursor && (
            <button type="button" onClick={() => setCursor(p.nextCursor)}>
              {t('更早的记录', 'Older')}
            </button>
          )}
        </>
      )}
    </Loaded>
  );
};

const Review = ({ cid }: { cid: string }) => {
  const list = useAsync(() => api.nominations(cid, { status: 'forwarded' }), [cid]);
  return (
    <Loaded async={list}>
      {(nominations) =>
        nominations.length === 0 ? (
          <p>{t('没有待审核的申报。', 'Nothing to review.')}</p>
        ) : (
          <ul>
            {nominations.map((n) => (
              <li key={n.id}>
                <a href={`/staff/${encodeURIComponent(cid)}/nominations/${encodeURIComponent(n.id)}`}>
                  {String(n.form.unitName ?? n.form.name ?? n.id)}
                </a>{' '}
                · {categoryName(n.category)} · {n.district}
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
};

export const TABS: Array<[string, [string, string], (p: { cid: string }) => preact.JSX.Element]> = [
  ['stages', ['阶段', 'Stages'], Stages],
  ['settings', ['配置', 'Settings'], Settings],
  ['review', ['资格审核', 'Review'], Review],
  ['objections', ['异议', 'Objections'], Objections],
  ['judges', ['评委', 'Judges'], Judges],
  ['votes', ['投票监控', 'Votes'], Votes],
  ['results', ['结果', 'Results'], ResultsTab],
  ['publications', ['公示与发布', 'Publications'], Publications],
  ['registry', ['登记册', 'Registry'], Registry],
  ['audit', ['操作记录', 'Audit trail'], Audit],
];

export const Office = ({ cid, tab }: { cid: string; tab: string }) => {
  const current = TABS.find(([key]) => key === tab) ?? TABS[0]!;
  const Tab = current[2];
  return (
    <>
      <nav class="tabs" aria-label={t('控制台', 'Console')}>
        {TABS.map(([key, names]) => (
          <a
            key={key}
            href={`/staff/${encodeURIComponent(cid)}/office/${key}`}
            aria-current={key === current[0] ? 'page' : undefined}
          >
            {t(...names)}
          </a>
        ))}
      </nav>
      <Tab cid={cid} />
    </>
  );
};
