// `node tests/js/query.cjs INDEX.json QUERY...`: prints, for each query, the ranked results as JSON
// lines [title, url]. Used by tests/search_index.rs to check the browser's ranking on real indexes.
const fs = require("node:fs");
const { prepare, search, words, fold } = require("./load.cjs")();

const [indexFile, ...queries] = process.argv.slice(2);
if (indexFile === "--words") {
  // Words and folds of each argument, to compare with src/search/analyze.rs.
  for (const q of queries) console.log(JSON.stringify(words(q).map((w) => [w, fold(w)])));
  process.exit(0);
}
const ix = prepare(JSON.parse(fs.readFileSync(indexFile, "utf8")));
for (const q of queries) {
  const out = search(ix, q).map((d) => {
    const doc = ix.docs[d];
    return [doc[2], ix.pages[doc[0]] + (doc[1] ? "#" + doc[1] : "")];
  });
  console.log(JSON.stringify(out));
}
