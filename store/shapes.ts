/**
 * Shapes the store hands out as they are and the web console reads: types only, importing nothing,
 * so the console (web/src/types.ts) imports them too and one definition serves both sides.
 */

/** A person's details as the vault keeps them (store/persons.ts). */
export interface PersonDetails {
  fullName: string;
  otherNames?: string[];
  dateOfBirth?: string;
  placeOfOrigin?: string;
  languages?: string[];
  familyContacts?: string[];
  /** Travel-document and identity numbers, as written on the documents. */
  documentNumbers?: string[];
  notes?: string;
}

/** One open task of an agency's inbox, with the least case detail needed (store/inbox.ts). */
export interface InboxItem {
  taskId: string;
  caseId: string;
  step: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  corridor: string;
  stage: string;
  kind: string;
  sex: string;
  ageGroup: string;
  assignee: string | null;
  /** Who gave the task to its assignee (the assignee, when they claimed it). */
  assignedBy: string | null;
}
