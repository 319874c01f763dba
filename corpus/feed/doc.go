// Package feed brings documents in from the web: it fetches RSS, Atom and
// JSON feeds with conditional requests and reduces their items to plain
// text, fetches article pages and keeps only their main text, and turns
// either into a corpus.Document. Every read is bounded in size and time.
package feed
