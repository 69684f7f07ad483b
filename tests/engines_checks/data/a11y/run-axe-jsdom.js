// Runs axe-core (the copy bundled with axe-playwright-python) in jsdom on a local HTML file.
const fs = require("fs");
const { JSDOM } = require("jsdom");
const [,, htmlFile, url, axeFile, tags] = process.argv;
const dom = new JSDOM(fs.readFileSync(htmlFile, "utf8"), { url, runScripts: "outside-only", pretendToBeVisual: true });
dom.window.eval(fs.readFileSync(axeFile, "utf8"));
const options = { runOnly: { type: "tag", values: tags.split(",") } };
dom.window.axe.run(dom.window.document, options).then(results => {
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
}).catch(error => { console.error(error); process.exit(1); });
