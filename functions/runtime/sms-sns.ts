/** The `#sms-provider` of every deployment but mainland China's: Amazon SNS (see the `sms` adapter). */
import { createSnsSmsSender } from '../../shared/voters/sns-sms';
import type { SmsSender } from '../../shared/voters/voter-sessions';
import type { EnvReader } from './adapter';

export const createSmsSender: (env: EnvReader) => SmsSender = () => createSnsSmsSender();
