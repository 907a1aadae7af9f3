/**
 * Counts the DynamoDB requests this process sends, by command, with an SDK middleware on the one
 * document client every handler shares. In the vote burst the API path writes nothing (it reads the
 * campaign and the candidates, cached), so the writes counted are the consumer's.
 */
import { getDocumentClient } from '../../shared/aws/clients';

const commands = new Map<string, number>();
let batchItems = 0;

/** Installs the counter once. */
export const installRequestCounter = (): void => {
  getDocumentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      commands.set(name, (commands.get(name) ?? 0) + 1);
      const items = (args.input as { RequestItems?: Record<string, unknown[]> }).RequestItems;
      if (name === 'BatchWriteItemCommand' && items)
        batchItems += Object.values(items).reduce((n, list) => n + list.length, 0);
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
};

/** The counts so far. */
export const requestCounts = () => ({ commands: Object.fromEntries(commands), batchWriteItems: batchItems });
