/** The candidates function: the public candidate list (公示) and one candidate, without personal data. */
import { serveRoutes } from '../runtime/http';
import { getCandidateRoute } from './get-candidate';
import { listCandidatesRoute } from './list-candidates';

export const candidateRoutes = [listCandidatesRoute, getCandidateRoute];

export const handler = serveRoutes(candidateRoutes);
