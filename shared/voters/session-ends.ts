/**
 * When a voter last ended their sessions (`VOTER#<voterId>` / `PROFILE`, voter-repository.ts): the
 * one read of the voter records the vote route needs, apart so its bundle carries nothing more.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';

export const voterPk = (voterId: string) => `VOTER#${voterId}`;

export interface SessionEnds {
  /** When the voter last ended every session of theirs; undefined if never. */
  sessionsRevokedAt(voterId: string): Promise<Date | undefined>;
}

export const createSessionEnds = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): SessionEnds => ({
  async sessionsRevokedAt(voterId) {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: voterPk(voterId), sk: 'PROFILE' },
        ProjectionExpression: 'sessionsRevokedAt',
        // Every voter request reads this: an eventually consistent read (half the cost) ends a
        // session within about a second of the voter ending it.
      }),
    );
    return typeof Item?.sessionsRevokedAt === 'string' ? new Date(Item.sessionsRevokedAt) : undefined;
  },
});
