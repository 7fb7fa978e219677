// The console's entry: defines <otl-console> and the pages it shows.
import "./console-app.ts";
