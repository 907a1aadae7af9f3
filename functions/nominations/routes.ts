/** The nominations function: the forms, the nomination steps, the printable page and the CSV export. */
import { serveRoutes } from '../runtime/http';
import { createNominationRoute } from './create-nomination';
import { endorseNominationRoute } from './endorse-nomination';
import { exportNominationsRoute } from './export-nominations';
import { forwardNominationRoute } from './forward-nomination';
import { getFormRoute } from './get-form';
import { getNominationRoute } from './get-nomination';
import { listNominationsRoute } from './list-nominations';
import { printNominationRoute } from './print-nomination';
import { recordPaperCopiesRoute } from './record-paper-copies';
import { returnNominationRoute } from './return-nomination';
import { reviewNominationRoute } from './review-nomination';
import { submitNominationRoute } from './submit-nomination';
import { updateNominationRoute } from './update-nomination';

export const nominationRoutes = [
  getFormRoute,
  createNominationRoute,
  listNominationsRoute,
  getNominationRoute,
  updateNominationRoute,
  submitNominationRoute,
  endorseNominationRoute,
  forwardNominationRoute,
  returnNominationRoute,
  recordPaperCopiesRoute,
  reviewNominationRoute,
  printNominationRoute,
  exportNominationsRoute,
];

export const handler = serveRoutes(nominationRoutes);
