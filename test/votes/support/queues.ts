/** The local queues as the tests watch them. */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { getSqsClient } from '../../../shared/aws/clients';

/** Messages in a queue, visible or in flight (SQS's approximate counts: poll until they settle). */
export const queueDepth = async (queueUrl: string): Promise<number> => {
  const { Attributes = {} } = await getSqsClient().send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
};
