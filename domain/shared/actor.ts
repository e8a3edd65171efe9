/** Who performs an action: recorded on every event. Ids only; names live with the agency registry. */
export interface Actor {
  userId: string;
  agencyId: string;
  role: string;
}
