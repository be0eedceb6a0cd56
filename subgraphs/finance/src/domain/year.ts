/** The year of a budget, an allocation or a requisition, as a client sends it. */
import { z } from 'zod';

export const YEAR = z.number().int().min(2004, 'FINSAM began in 2004').max(2200);
