// Loads the theme's gen.js without a page and returns its search functions.
const fs = require("node:fs");
const path = require("node:path");

module.exports = function loadSearch() {
  const src = fs.readFileSync(path.join(__dirname, "../../themes/default/static/gen.js"), "utf8");
  const window = {};
  const document = { querySelectorAll: () => [], querySelector: () => null };
  const location = { protocol: "http:", hash: "", search: "", pathname: "/" };
  new Function("window", "document", "location", "localStorage", src)(window, document, location, undefined);
  return window.genSearch;
};
