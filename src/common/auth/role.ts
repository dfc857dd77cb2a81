export enum Role {
  Admin = 'admin',
  Investigator = 'investigator',
  Reviewer = 'reviewer',
  Analyst = 'analyst',
}

export const ALL_ROLES = Object.values(Role);
export const CASE_ROLES = [Role.Investigator, Role.Reviewer, Role.Analyst];
