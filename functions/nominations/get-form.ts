/**
 * GET /campaigns/{cid}/forms/{category}: the application form as JSON Schema, from the zod schema the API validates
 * with; its `description` is the form's 说明, with the deadline.
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { categorySchema } from '../../shared/campaigns/schema';
import { NotFoundError, say } from '../../shared/errors';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { formJsonSchema, formNotes } from '../../shared/nominations/forms';
import { campaigns, staffTokens } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getFormRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/forms/{category}',
  auth: 'none',
  summary: 'Application form as JSON Schema',
  uses: { campaigns: campaigns.read, staffTokens: staffTokens.verify },
  handle: (deps) => async (event) => {
    const category = categorySchema.safeParse(event.pathParameters?.category);
    if (!category.success)
      throw new NotFoundError(
        say('申报表只有两种：window（窗口）和 star（明星）', 'There are two forms: window and star'),
      );
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, await optionalStaff(event, deps.staffTokens));
    const deadline = campaign.config.timing?.deadlines?.forward;
    return json(
      200,
      {
        ...formJsonSchema(category.data, campaign.config.forms),
        description: formNotes(category.data, deadline).join('\n'),
      },
      { 'cache-control': 'public, max-age=60' },
    );
  },
});
