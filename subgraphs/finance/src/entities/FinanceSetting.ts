import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { money } from './money.js';

/** A förbund's own finance settings: its ceiling for eget kapital (without a row, the default applies). */
const FinanceSettingSchema = defineEntity({
  name: 'FinanceSetting',
  tableName: 'finance_setting',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    equityCeilingBasisPoints: p.integer(),
    equityCeilingMinimum: money(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class FinanceSetting extends FinanceSettingSchema.class {}
FinanceSettingSchema.setClass(FinanceSetting);
