/**
 * One gateway in its own process (forked by run.ts), so each variant gets a whole event loop
 * and its own peak RSS, apart from the subgraphs.
 */
import { createGateway, type GatewayOptions } from '@finsam/gateway/gateway.js';
import { startDefaultGateway } from './default-gateway.js';
import { childConfig, serveBench } from './ipc.js';

export interface GatewayConfig {
  /** The platform's gateway; the same without its response cache; @apollo/gateway as its docs set it up. */
  variant: 'tuned' | 'uncached' | 'default';
  options: GatewayOptions;
}

const config = childConfig<GatewayConfig>();
process.env.LOG_LEVEL ??= 'warn';
const running =
  config.variant === 'default'
    ? await startDefaultGateway(config.options)
    : await (await createGateway({ ...config.options, responseCache: config.variant === 'tuned' ? {} : false })).listen(
        0,
      );
serveBench(running.url, {}, running.stop);
