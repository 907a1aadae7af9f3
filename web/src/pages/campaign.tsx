import { api } from '../api';
import { beijing, categoryName, stageName, t } from '../i18n';
import { Loaded, Page, useAsync } from '../ui';

/** A campaign's home: stage, timeline, rules, and where to go from here. */
export const CampaignHome = ({ cid }: { cid: string }) => {
  const campaign = useAsync(() => api.campaign(cid), [cid]);
  const base = `/c/${encodeURIComponent(cid)}`;
  return (
    <Page title={campaign.data?.name ?? t('评选活动', 'Campaign')}>
      <Loaded async={campaign}>
        {(c) => {
          const stageAt = (s: string) => ['publicity', 'voting', 'scoring', 'announcement', 'awarded'].indexOf(s);
          return (
            <>
              <p class="stage">
                {t('当前阶段', 'Stage')}: <strong>{stageName(c.stage)}</strong>
              </p>
              <nav class="actions" aria-label={t('活动', 'Campaign')}>
                {stageAt(c.stage) >= 0 && <a href={`${base}/candidates`}>{t('候选名单', 'Candidates')}</a>}
                {c.stage === 'voting' && (
                  <a class="primary" href={`${base}/vote`}>
                    {t('我要投票', 'Vote')}
                  </a>
                )}
                {stageAt(c.stage) >= 1 && <a href={`${base}/receipts`}>{t('我的投票凭证', 'My receipts')}</a>}
                {stageAt(c.stage) >= 3 && <a href={`${base}/results`}>{t('评选结果', 'Results')}</a>}
              </nav>
              <h2>{t('时间安排', 'Timeline')}</h2>
              <ol class="timeline">
                {c.timeline.map((step) => (
                  <li key={step.stage} class={step.reached ? 'reached' : ''}>
                    <strong>{stageName(step.stage)}</strong> {beijing(step.scheduledAt)}
                    {step.reached && <span class="tag">{t('已开始', 'reached')}</span>}
                  </li>
                ))}
              </ol>
              <h2>{t('评选规则', 'Rules')}</h2>
              <ul>
                <li>
                  {t('群众投票占', 'Public votes count')} {c.rules.weights.votes}%，{t('专家评审占', 'the experts')}{' '}
                  {c.rules.weights.experts}%
                </li>
                <li>
                  {t('每个号码每天每类最多投', 'Each phone may vote for up to')}{' '}
                  {c.rules.voting.candidatesPerCategoryPerDay}{' '}
                  {t('名候选，每名候选每天1票', 'candidates per category a day, one vote each')}
                </li>
              </ul>
              <table>
                <caption>{t('各县市区名额', 'Places per district')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('县市区', 'District')}</th>
                    <th scope="col">{categoryName('window')}</th>
                    <th scope="col">{categoryName('star')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.rules.districts.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{d.name}</th>
                      <td>
                        {d.quotas.window.recommend} / {d.quotas.window.award}
                      </td>
                      <td>
                        {d.quotas.star.recommend} / {d.quotas.star.award}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p class="hint">{t('推荐名额 / 表彰名额', 'recommend places / award places')}</p>
              {c.contacts.length > 0 && (
                <>
                  <h2>{t('联系方式', 'Contacts')}</h2>
                  <ul class="contacts">
                    {c.contacts.map((contact) => (
                      <li key={contact.name}>
                        {t('联系人', 'Contact')}：{contact.name}
                        {contact.phone && `，${t('电话', 'phone')}：${contact.phone}`}
                        {contact.email && `，${t('邮箱', 'e-mail')}：${contact.email}`}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p class="hint">
                {t('配置指纹', 'Configuration hash')} <code class="hash">{c.configHash}</code>
                {c.configFrozen ? t('（已冻结）', ' (frozen)') : ''}
              </p>
            </>
          );
        }}
      </Loaded>
    </Page>
  );
};
