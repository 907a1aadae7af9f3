/** How many accepted votes are not yet counted: the votes queue (visible, in flight, delayed) and its DLQ. */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { getSqsClient } from '../aws/clients';
import type { VotesBacklog } from '../campaigns/stage-facts';

const depth = async (client: SQSClient, queueUrl: string): Promise<number> => {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
  );
};

export const createVotesBacklog =
  ({
    queueUrl,
    dlqUrl,
    client = getSqsClient(),
  }: {
    queueUrl: string;
    dlqUrl: string;
    client?: SQSClient;
  }): VotesBacklog =>
  async () => {
    const [inFlight, deadLettered] = await Promise.all([depth(client, queueUrl), depth(client, dlqUrl)]);
    return { inFlight, deadLettered };
  };
