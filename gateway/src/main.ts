/**
 * Production entry point of the gateway, configured from the environment (environment.ts lists it);
 * OTEL_EXPORTER_OTLP_ENDPOINT sends traces to an OTLP/HTTP collector (off when unset), metrics at /metrics.
 * `npm start` does not use this: it wires development keys itself (infra/src/platform.ts).
 */
import { startTracing } from '@finsam/kit/telemetry.js';
import { gatewayOptionsFromEnvironment, listenUntilStopped } from './environment.js';
import { createGateway } from './gateway.js';

startTracing({ service: 'gateway' });
await listenUntilStopped(await createGateway(gatewayOptionsFromEnvironment()));
