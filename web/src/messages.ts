/**
 * The graph's error messages are English (for developers and logs); those a person meets in a form, in Swedish.
 * A message not listed shows as it came, so nothing is hidden.
 */
const MESSAGE: Record<string, string> = {
  'Not an e-mail address': 'Ange en giltig e-postadress.',
  'Give at least one grant': 'Ange en behörighet.',
  'Name at least one insats': 'Välj minst en insats.',
  'Only verksamhetsledare and staff work in insatser': 'Bara verksamhetsledare och personal arbetar i insatser.',
  'A styrgrupp member holds a seat: name it': 'Välj platsen i styrgruppen.',
  'Only a styrgrupp member holds a seat': 'Bara en styrgruppsledamot har en plats.',
  'validTo is before validFrom': 'Sista dagen kan inte vara före första dagen.',
  'An amount cannot be negative': 'Ett belopp kan inte vara negativt.',
  'Whole kronor': 'Ange beloppet i hela kronor.',
  'FINSAM began in 2004': 'Året kan inte vara före 2004.',
  'Say why the requisition is rejected': 'Skriv varför rekvisitionen avslås.',
};

export const inSwedish = (message: string) => MESSAGE[message] ?? message;
