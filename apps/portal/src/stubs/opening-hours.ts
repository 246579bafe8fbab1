/**
 * The portal never reads opening hours itself: the API answers each offer's week and
 * « ouvert maintenant » in Paris time. The `opening_hours` library (with every country's
 * holidays) would weigh on every resident's first page for nothing, so the portal's
 * build puts this in its place (vite.config.ts): the domain's hours functions then
 * answer « unknown », never a wrong state.
 */
export default class OpeningHoursUnavailable {
  constructor() {
    throw new Error('opening_hours : lu par l’API, pas dans le portail');
  }
}
