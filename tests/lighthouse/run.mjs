// Lighthouse's mobile run of each address, one after the other in one Chromium (tests/test_lighthouse.py runs it):
// one browser for all saves its start and Lighthouse's own for each page. Lighthouse empties the browser's
// cache and storage before each, so each page is measured as on a first visit.
//
//   CHROME_PATH=/usr/bin/chromium node run.mjs FOLDER URL... [--chrome-flag...]
//
// writes FOLDER/0.json, FOLDER/1.json…: the report of each address in their order (the performance category).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const args = process.argv.slice(2);
const chromeFlags = args.filter((arg) => arg.startsWith("--"));
const [folder, ...urls] = args.filter((arg) => !arg.startsWith("--"));

const chrome = await chromeLauncher.launch({ chromeFlags }); // the browser named by CHROME_PATH
try {
  for (const [index, url] of urls.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      disableFullPageScreenshot: true, // no part of a score
      skipAudits: ["bf-cache"], // none either, and it loads the page a second time
    });
    await writeFile(join(folder, `${index}.json`), result.report);
  }
} finally {
  await chrome.kill();
}
