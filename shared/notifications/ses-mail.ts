/** The e-mail port on AWS: Amazon SES (v2 `SendEmail`) from the deployment's verified sender address. */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSender } from './notifications';

/** Sends plain UTF-8 text; the address goes only to SES, never to a log line. */
export const createSesMailSender =
  (from: string, ses: SESv2Client = new SESv2Client({})): EmailSender =>
  async (to, subject, text) => {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  };
