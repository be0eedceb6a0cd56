/* Boots GraphiQL against this gateway. Plain browser script: no build step, no CDN. */
/* global React, ReactDOM, GraphiQL */
(() => {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# Paste a token from `npm start` (or `npm run token -- vasteras-admin`)',
    '# into the Headers tab: {"Authorization": "Bearer eyJ…"}, then run:',
    '',
    'query MyForbund {',
    '  me { userId roles }',
    '  forbund { name organisationNumber members { kind name scbCode sharePercent } }',
    '}',
    '',
  ].join('\n');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      // Empty until a token is pasted: the schema still loads (development allows introspection).
      defaultHeaders: '{\n  "Authorization": ""\n}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    }),
  );
})();
