/**
 * The SMS port on AWS: Amazon SNS `Publish` to a phone number, as a transactional message. A Chinese SMS provider is
 * another adapter of the same `SmsSender` type.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from './voter-sessions';

/** Sends through SNS; the number goes only to SNS, never to a log line. */
export const createSnsSmsSender =
  (sns: SNSClient = new SNSClient({})): SmsSender =>
  async (phoneE164, message) => {
    await sns.send(
      new PublishCommand({
        PhoneNumber: phoneE164,
        Message: message,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
  };
