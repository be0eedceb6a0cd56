import { defineSubgraph } from '@finsam/kit/server.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Intervention.js';
import './schema/Forbund.js';
import './schema/Allocation.js';
import './schema/Requisition.js';
import './schema/RequisitionCorrection.js';
import './schema/FinanceImport.js';
import './schema/BudgetUsage.js';
import './schema/Budget.js';
import './schema/FinancialStatement.js';
import './schema/ForbundYear.js';
import './schema/InsatsBudget.js';
import './schema/ForbundCost.js';
import './schema/SharedPost.js';
import './schema/Merger.js';
import { seedFinance } from './demo/seed.js';
import { Allocation } from './entities/Allocation.js';
import { Budget } from './entities/Budget.js';
import { BudgetContribution } from './entities/BudgetContribution.js';
import { BudgetCostLine } from './entities/BudgetCostLine.js';
import { FinanceSetting } from './entities/FinanceSetting.js';
import { ForbundCost } from './entities/ForbundCost.js';
import { InsatsBudget } from './entities/InsatsBudget.js';
import { InsatsBudgetLine } from './entities/InsatsBudgetLine.js';
import { Requisition } from './entities/Requisition.js';
import { RequisitionLine } from './entities/RequisitionLine.js';
import { SharedPost } from './entities/SharedPost.js';
import { SharedPostService } from './entities/SharedPostService.js';
import { migrations } from './migrations/list.js';

export const { name, database, seed, buildSchema, createServer } = defineSubgraph({
  name: 'finance',
  builder,
  database: {
    entities: [
      Budget,
      BudgetContribution,
      BudgetCostLine,
      Allocation,
      Requisition,
      RequisitionLine,
      InsatsBudget,
      InsatsBudgetLine,
      ForbundCost,
      SharedPost,
      SharedPostService,
      FinanceSetting,
    ],
    migrations,
  },
  seed: seedFinance,
});
