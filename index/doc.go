// Package index owns SummitBot's search: the Bleve index of passages and
// the cited answer drawn from it.
//
// The package reads in three parts, each in its own files:
//
//   - The Bleve store: mapping.go, analysis.go and suffixes.go (one
//     analyzer per language, Uzbek's light stemmer, and a concepts field
//     for the corpus's alias sets),
//     engine.go (opening the index, or building it when it is not
//     current), indexing.go (passages into Bleve documents, analyzed once,
//     on every core), passages.go (reading them back, each with where its
//     terms stand), snapshot.go (the lexicon saved beside the index),
//     update.go (documents in and out while serving) and candidates.go
//     (the search that hands candidates to the re-ranker); dfcache.go and
//     wordcache.go keep what questions ask again (document frequencies,
//     word analyses).
//   - The answer logic, in the order a question goes through it:
//     question.go, language.go, stopwords.go, translit.go, pinyin.go and
//     fuzzy.go (what the question says and in which language, typed as
//     people type), lexicon.go and features.go (the alias
//     sets and what a passage holds), rank.go (the re-ranker), decide.go
//     (answer, closest passage or refusal), answerline.go (the sentence
//     that answers), and ask.go and explain.go, which run it all. Every
//     number it decides by is in params.go.
//   - The feed-relevance classifier: relevance.go.
package index
