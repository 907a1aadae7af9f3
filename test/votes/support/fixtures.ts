/** Test fixtures for voting: a campaign in `voting` written straight to the table, vote messages, SQS records. */
import { randomBytes, randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { getDocumentClient } from '../../../shared/aws/clients';
import { createCampaignRepository } from '../../../shared/campaigns/campaign-repository';
import { campaign2019 } from '../../../shared/campaigns/campaign-2019';
import type { Campaign, CampaignConfig, Category } from '../../../shared/campaigns/schema';
import type { DoorStatus } from '../../../shared/votes/ballots';
import type { VoteMessage } from '../../../shared/votes/vote-message';
import { receiptIdOf } from '../../../shared/votes/vote-message';

/** A campaign in `voting` (or the given stage), written directly with the campaign repository. */
export const votingCampaign = async (
  overrides: { stage?: Campaign['stage']; voting?: Partial<CampaignConfig['voting']> } = {},
): Promise<Campaign> => {
  const at = new Date().toISOString();
  const campaign: Campaign = {
    id: `vt-${randomBytes(4).toString('hex')}`,
    stage: overrides.stage ?? 'voting',
    config: { ...campaign2019, voting: { ...campaign2019.voting, ...overrides.voting } },
    stageChangedAt: at,
    createdAt: at,
    createdBy: 'test',
    version: 1,
  };
  await createCampaignRepository({ tableName: process.env.TABLE_NAME! }).create(campaign, {
    campaignId: campaign.id,
    at,
    by: 'test',
    action: 'campaign.created',
    to: campaign.stage,
  });
  return campaign;
};

/** A request id in the API's format (tag not checked by the consumer). */
export const requestId = () => randomBytes(20).toString('hex');

/** The message a vote request becomes once decided at the door (every vote `counted` unless said). */
export const voteMessage = (
  campaignId: string,
  voterId: string,
  votes: Array<[candidateId: string, category: Category, status?: DoorStatus]>,
  {
    day = '2019-07-28',
    acceptedAt = '2019-07-28T10:00:00+08:00',
    ip = '10.0.0.1',
    deviceId,
  }: { day?: string; acceptedAt?: string; ip?: string; deviceId?: string } = {},
): VoteMessage => {
  const id = requestId();
  return {
    v: 1,
    requestId: id,
    campaignId,
    voterId,
    firstSeenAt: '2019-07-27T10:00:00+08:00',
    ip,
    ...(deviceId ? { deviceId } : {}),
    acceptedAt,
    day,
    votes: votes.map(([candidateId, category, status = 'counted'], i) => ({
      receiptId: receiptIdOf(id, i),
      candidateId,
      category,
      status,
    })),
  };
};

/** An SQS record carrying the message, as the event source delivers it. */
export const sqsRecord = (body: string, messageId = randomUUID()): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'test',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:votes',
  awsRegion: 'us-east-1',
});

export const voter = () => `voter-${randomBytes(6).toString('hex')}`;

/** Approved candidates (nominations in status `approved`) written straight into the campaign partition. */
export const approvedCandidates = async (campaignId: string, category: Category, count: number): Promise<string[]> => {
  const at = new Date().toISOString();
  const ids = Array.from({ length: count }, () => `${campaignId}.${randomBytes(4).toString('hex')}`);
  await Promise.all(
    ids.map((id) =>
      getDocumentClient().send(
        new PutCommand({
          TableName: process.env.TABLE_NAME!,
          Item: {
            pk: `CAMPAIGN#${campaignId}`,
            sk: `NOMINATION#${id}`,
            type: 'nomination',
            id,
            campaignId,
            category,
            district: 'city',
            department: 'city-gov-services',
            owner: 'applicant-city',
            sector: '税务',
            form: {},
            status: 'approved',
            history: [],
            createdAt: at,
            updatedAt: at,
            version: 1,
          },
        }),
      ),
    ),
  );
  return ids;
};

/** A fresh mainland mobile number for one test. */
export const phoneNumber = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
