/**
 * What a voter agrees to when asking for a one-time code (PIPL: 告知-同意). The voting page shows
 * it beside the phone field (GET /voter/consent); the periods are the deployment's own.
 */
export const CONSENT_VERSION = '2026-12-01';

/** The notice with the deployment's retention period filled in, Chinese first, English beside it. */
export const voterConsent = (voterDataRetentionDays: number) => ({
  version: CONSENT_VERSION,
  text: [
    '个人信息处理告知：',
    '1. 我们仅为发送投票验证码、核验投票资格和防止刷票处理您的手机号码。',
    '2. 手机号码仅用于发送本次验证码，不保存明文；系统只保存其加密散列值，用于统计每日投票次数和识别异常投票。',
    '3. 您的投票以匿名方式公开（仅公开回执编号、候选对象和日期），不公开任何可识别您身份的信息。',
    `4. 散列值、验证码记录和投票风控记录在本届评选结束后 ${voterDataRetentionDays} 天内自动删除。`,
    '5. 如有疑问或需行使查阅、更正、删除等权利，请联系评选活动办公室。',
    '点击“获取验证码”即表示您已阅读并同意上述处理。',
  ].join('\n'),
  textEn: [
    'How your personal information is handled:',
    '1. Your mobile number is used only to send the voting code, check your eligibility to vote, and detect vote brushing.',
    '2. The number itself is used only to send this code and is never stored; only a keyed hash of it is kept, to apply the daily vote limits and spot suspicious voting.',
    '3. Your votes are published anonymously (receipt id, candidate and day only), with nothing that identifies you.',
    `4. The hash, the code records and the anti-brushing records are deleted automatically within ${voterDataRetentionDays} days after this year's selection closes.`,
    '5. For questions, or to access, correct or delete your information, contact the activity office.',
    'By requesting a code you confirm that you have read and agree to this.',
  ].join('\n'),
});
