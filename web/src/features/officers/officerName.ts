/** An officer (or a barred-list entry) as people read the name: given name, then family name. */
export const officerName = (o: { givenName: string; familyName: string }): string => `${o.givenName} ${o.familyName}`;
