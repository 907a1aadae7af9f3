/**
 * The publications function: the newspaper-ready lists (candidates on notice, announced winners), the printable
 * documents of a district's forms and of every certificate, and a nomination's archive ZIP. A function of its own, so
 * the ZIP library and the print pages stay out of every other bundle.
 */
import { serveRoutes } from '../runtime/http';
import { archiveNominationRoute } from './archive-nomination';
import { listPublicityRoute } from './list-publicity';
import { listResultsRoute } from './list-results';
import { printCertificatesRoute } from './print-certificates';
import { printFormsRoute } from './print-forms';

export const publicationRoutes = [
  listPublicityRoute,
  listResultsRoute,
  printFormsRoute,
  printCertificatesRoute,
  archiveNominationRoute,
];

export const handler = serveRoutes(publicationRoutes);
