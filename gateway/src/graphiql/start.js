/* Boots GraphiQL against this gateway. Plain browser script: no build step, no CDN. */
/* global React, ReactDOM, GraphiQL */
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# Paste a token from `npm start` (or `npm run token -- vasteras-admin`)',
    '# into the Headers tab as {"Authorization": "Bearer <token>"}, then run:',
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
      defaultHeaders: '{\n  "Authorization": "Bearer <token>"\n}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    }),
  );
})();
