import type { Recommendation } from './useRecommendations';

export const RESPONSE_LABELS: Record<Recommendation['responseStatus'], string> = {
  pending: 'Awaiting response', accepted: 'Accepted', partially_accepted: 'Partially accepted', not_accepted: 'Not accepted',
};

export const IMPLEMENTATION_LABELS: Record<Recommendation['implementationStatus'], string> = {
  not_started: 'Not started', in_progress: 'In progress', implemented: 'Implemented', not_implemented: 'Not implemented',
};
