/** The notification domain without storage: who opted in, the texts, masking, the budget window. */
import { describe, expect, it } from 'vitest';
import type { Nomination } from '../../shared/nominations/nomination';
import {
  maskRecipient,
  nominationContact,
  notificationBudget,
  objectorContact,
  texts,
} from '../../shared/notifications/notification';
import type { Objection } from '../../shared/objections/objection';
import { campaignIn } from '../support/campaign';
import { starForm, windowForm } from '../nominations/fixtures';

const nomination = (category: 'star' | 'window', form: Record<string, unknown>): Nomination =>
  ({ id: 'c1.n1', campaignId: 'c1', category, form, status: 'approved' }) as unknown as Nomination;

describe('who is told', () => {
  it('a star at their own mobile and a window at its handler’s, only with 同意', () => {
    expect(nominationContact(nomination('star', starForm({ smsConsent: '同意' })))).toBe('+8613700000003');
    expect(nominationContact(nomination('window', windowForm({ smsConsent: '同意' })))).toBe('+8613900000002');
    expect(nominationContact(nomination('star', starForm({ smsConsent: '不同意' })))).toBeUndefined();
    expect(nominationContact(nomination('star', starForm()))).toBeUndefined();
    // Consent without a valid mobile (erased, say) tells nobody.
    expect(
      nominationContact(nomination('star', { ...starForm({ smsConsent: '同意' }), mobile: undefined })),
    ).toBeUndefined();
  });

  it('an objector only when they asked', () => {
    const objection = { phone: '13512340001' } as Objection;
    expect(objectorContact({ ...objection, notify: true })).toBe('+8613512340001');
    expect(objectorContact(objection)).toBeUndefined();
    expect(objectorContact({ ...objection, notify: true, phone: '' })).toBeUndefined();
  });
});

describe('the texts', () => {
  const campaign = campaignIn('review');
  const star = nomination('star', starForm({ name: '张明星', smsConsent: '同意' }));

  it('name the campaign and what happened, the nominee by the public name, and no personal data', () => {
    const all = [
      texts.review(campaign, star, 'nomination.returned'),
      texts.review(campaign, star, 'nomination.approved'),
      texts.review(campaign, star, 'nomination.rejected'),
      texts.ruling(campaign, star, true),
      texts.ruling(campaign, star, false),
      texts.announced(campaign),
      texts.reminder(campaign, 3),
    ];
    for (const text of all) {
      expect(text.startsWith(`【${campaign.config.name}】`)).toBe(true);
      for (const personal of ['13700000003', '1990-05', '湖北荆门', '中共党员', '湖北中医药大学'])
        expect(text).not.toContain(personal);
    }
    expect(all[0]).toContain('优质服务明星“张明星”已被退回');
    expect(all[1]).toContain('已通过初审');
    expect(all[2]).toContain('未通过初审');
    expect(all[3]).toContain('异议成立');
    expect(all[4]).toContain('异议不成立');
    expect(all[6]).toContain('还有3项评分未完成');
  });
});

describe('masking and the budget', () => {
  it('masks phones and addresses', () => {
    expect(maskRecipient('+8613812345678')).toBe('138****5678');
    expect(maskRecipient('judge.one@example.org')).toBe('j***@example.org');
  });

  it('counts per campaign per Asia/Shanghai day, 500 unless configured', () => {
    const at = new Date('2026-12-02T17:30:00Z'); // 01:30 on 3 December in Shanghai
    const window = notificationBudget(campaignIn('review'), at);
    expect(window).toMatchObject({ key: 'notifications#c1', per: 'day', limit: 500 });
    expect(window.startsAt.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(window.endsAt.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(notificationBudget(campaignIn('review', { notifications: { dailyBudget: 7 } }), at).limit).toBe(7);
  });
});
