#!/usr/bin/env python3
"""Build the compact language data embedded in gen (src/encoding/data/).

Run by hand; the outputs are committed and the build never needs the network:

    python3 -m venv /tmp/v && /tmp/v/bin/pip install wordfreq==3.1.1
    (cd /tmp && npm install cldr-annotations-full@48.2.0 unicode-emoji-json@0.9.0 emojibase-data@17 emojilib@4 gitmojis@3)
    /tmp/v/bin/python scripts/build-lang-data.py /tmp/node_modules

Sources and licences (recorded in NOTICE):
- wordfreq 3.1.1 word frequencies (data CC BY-SA 4.0, code Apache-2.0; Robyn Speer):
  Vietnamese syllables, Russian and English words, and emoji frequencies.
- CLDR 48 emoji annotations, en/vi/ru (Unicode License v3), npm `cldr-annotations-full`.
- Emoji list with versions and VS16 (fully-qualified) forms from Unicode's emoji-test data,
  npm `unicode-emoji-json` 0.9.0 (MIT); emoji groups and subgroups from npm `emojibase-data`
  17 (MIT); more English keywords from npm `emojilib` 4 (MIT); the emoji developers use in
  software writing, with their descriptions, from npm `gitmojis` 3 (MIT).

The seed documents are deliberately NOT a source: the statistics must generalise.

Outputs (UTF-8, one record per line, tab-separated):
- words_vi.tsv, words_ru.tsv, words_en.tsv: `word<TAB>zipf*10` (zipf = log10(freq per 1e9 words)),
  most frequent first.
- emoji.tsv: `hex code point<TAB>vs16 (1 = takes U+FE0F)<TAB>emoji version<TAB>zipf*10 or 0
  <TAB>group<TAB>subgroup<TAB>dev (1 = a gitmoji)<TAB>en keywords|…<TAB>vi keywords|…
  <TAB>ru keywords|…` for single-code-point emoji.
"""
import json
import subprocess
import math
import os
import re
import sys

import wordfreq

NODE = sys.argv[1] if len(sys.argv) > 1 else "node_modules"
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "encoding", "data")
LIMITS = {"vi": 12000, "ru": 40000, "en": 30000}
WORD = re.compile(r"^[^\W\d_]+$")


def zipf10(f: float) -> int:
    return max(1, round((math.log10(f) + 9) * 10)) if f > 0 else 0


for lang, limit in LIMITS.items():
    freqs = wordfreq.get_frequency_dict(lang)
    rows = []
    for w, f in sorted(freqs.items(), key=lambda kv: -kv[1]):
        if WORD.match(w):
            rows.append(f"{w}\t{zipf10(f)}")
        if len(rows) >= limit:
            break
    with open(os.path.join(OUT, f"words_{lang}.tsv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")

by_emoji = json.load(open(os.path.join(NODE, "unicode-emoji-json", "data-by-emoji.json"), encoding="utf-8"))
ann = {}
for lang in ("en", "vi", "ru"):
    path = os.path.join(NODE, "cldr-annotations-full", "annotations", lang, "annotations.json")
    ann[lang] = json.load(open(path, encoding="utf-8"))["annotations"]["annotations"]

en_freq = wordfreq.get_frequency_dict("en")
eb = json.load(open(os.path.join(NODE, "emojibase-data", "en", "data.json"), encoding="utf-8"))
meta = json.load(open(os.path.join(NODE, "emojibase-data", "meta", "groups.json"), encoding="utf-8"))
groups = {}
for e in eb:
    if "group" in e:
        base = e["emoji"].replace("\ufe0f", "")
        groups[base] = (meta["groups"][str(e["group"])], meta["subgroups"][str(e.get("subgroup", ""))] if "subgroup" in e else "")
emojilib = json.load(open(os.path.join(NODE, "emojilib", "dist", "emoji-en-US.json"), encoding="utf-8"))
gm_json = subprocess.run(
    ["node", "-e", "const g=require('gitmojis');console.log(JSON.stringify(g.gitmojis||g.default||g))"],
    cwd=os.path.dirname(os.path.abspath(NODE)), capture_output=True, text=True, check=True).stdout
gitmojis = {g["emoji"].replace("\ufe0f", ""): g["description"] for g in json.loads(gm_json)}
rows = []
for key, info in by_emoji.items():
    base = key.replace("\ufe0f", "")
    if len(base) != 1:
        continue  # only single code points can be restored from one damaged sequence
    vs16 = 1 if key.endswith("\ufe0f") and len(key) == 2 else 0
    f = max(en_freq.get(base, 0.0), en_freq.get(key, 0.0))
    kws = []
    for lang in ("en", "vi", "ru"):
        a = ann[lang].get(base) or ann[lang].get(key) or {}
        words = list(dict.fromkeys((a.get("tts", []) + a.get("default", []))))
        if lang == "en":
            words += [w.replace("_", " ") for w in emojilib.get(key, emojilib.get(base, []))]
            if base in gitmojis:
                words += [w.lower() for w in re.findall(r"[A-Za-z]{3,}", gitmojis[base])]
            words = list(dict.fromkeys(words))
        kws.append("|".join(w.replace("\t", " ") for w in words))
    g, sg = groups.get(base, ("", ""))
    rows.append(f"{ord(base):X}\t{vs16}\t{info['emoji_version']}\t{zipf10(f)}\t{g}\t{sg}\t{int(base in gitmojis)}\t" + "\t".join(kws))
rows.sort(key=lambda r: int(r.split("\t")[0], 16))
with open(os.path.join(OUT, "emoji.tsv"), "w", encoding="utf-8") as fh:
    fh.write("\n".join(rows) + "\n")
print("ok", {k: LIMITS[k] for k in LIMITS}, len(rows), "emoji")
