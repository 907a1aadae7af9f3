/** Chinese mobile numbers (中国大陆手机号): the one form a voter's number takes before it is hashed. */
import { say, ValidationError } from '../errors';

const MOBILE = /^1[3-9]\d{9}$/;

/** Normalises `+86 138-1234-5678`, `0086…`, `86…` or `138…` to E.164 `+8613812345678`; 400 for anything else. */
export const normalizeMobile = (input: string): string => {
  const compact = input.replace(/[\s()-]/g, '');
  const national = compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!MOBILE.test(national)) {
    throw new ValidationError(
      say(
        '手机号须为中国大陆手机号码（以 1 开头的 11 位数字）',
        'phone must be a mainland China mobile number (11 digits starting with 1)',
      ),
      {
        fields: [{ path: 'phone', message: '不是中国大陆手机号码', messageEn: 'not a mainland China mobile number' }],
      },
    );
  }
  return `+86${national}`;
};

/** A phone number fit for a log line or the audit trail: the first 3 and last 4 digits of the national number, `138****5678`. */
export const maskPhone = (phone: string): string => {
  const national = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  return national.length < 8
    ? '*'.repeat(national.length)
    : `${national.slice(0, 3)}${'*'.repeat(national.length - 7)}${national.slice(-4)}`;
};
