/** The console's one HTML page: no inline script or style, only the console's own files from this server. */
export function consolePageHtml(assetsPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>OTL console</title>
<link rel="stylesheet" href="${assetsPath}/console.css">
<script type="module" src="${assetsPath}/console.js"></script>
</head>
<body>
<otl-console></otl-console>
</body>
</html>`;
}

/** What `/console` answers when `@otl/console` has not been built: plain words, still no script. */
export const CONSOLE_NOT_BUILT_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OTL console</title></head>
<body><main><h1>The console is not built</h1><p>Run <code>pnpm build</code>, then reload.</p></main></body></html>`;
