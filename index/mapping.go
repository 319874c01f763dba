package index

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/summitbot/summitbot/corpus"
)

// Field names in the Bleve index. The passage text is indexed once, in the
// field of its own language.
const (
	fieldDoc      = "doc"
	fieldConcepts = "concepts"
	fieldMeta     = "meta"
	fieldLocs     = "locs"
	typeField     = "lang"
)

func textField(lang string) string { return "text_" + lang }

// conceptField is where a passage's concepts are indexed: one field for
// the languages whose passages answer every reader, a field of its own for
// each language whose passages answer only its readers (Kazakh, Uzbek), so
// that a search reaches exactly the passages that can answer without a
// filter on the language.
func conceptField(lang string) string {
	if slices.Contains(corpus.SheetLanguages, lang) {
		return fieldConcepts
	}
	return fieldConcepts + "_" + lang
}

// SummitBot's analyzers and their filters are registered with Bleve, not
// described in the mapping: a mapping that describes them is stored in the
// index as JSON, and every process that opens the index decoded it again
// and built each analyzer twice (a millisecond). Registered, an analyzer is
// built the first time it is named.
func init() {
	mustRegister(registry.RegisterTokenFilter(prefixName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return truncate.NewTruncateTokenFilter(prefixRunes), nil
	}))
	for _, lang := range []string{"kk", "uz"} {
		mustRegister(registry.RegisterTokenFilter(stopFilterName(lang), func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			words := analysis.NewTokenMap()
			for _, w := range ownStopwords(lang) {
				words.AddToken(w)
			}
			return stop.NewStopTokensFilter(words), nil
		}))
	}
	for name, cfg := range analyzerConfigs {
		mustRegister(registry.RegisterAnalyzer(name, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
			return custom.AnalyzerConstructor(cfg, c)
		}))
	}
}

// newMapping builds the index mapping: one document type per language, whose
// text goes to that language's field and analyzer. The alias sets reach
// across languages through the concepts field, not through Bleve synonyms:
// those expanded every term of every field into a disjunction of its forms,
// half of a question's allocations, for scores the concepts already give.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.TypeField = typeField
	im.ScoringModel = "bm25"
	im.DefaultMapping.Enabled = false
	im.DefaultMapping.Dynamic = false
	for _, lang := range corpus.Languages {
		// The text, the metadata and the term locations are not mapped:
		// passageDoc adds them itself (textOptions, storedOptions).
		dm := bleve.NewDocumentStaticMapping()
		dm.AddFieldMappingsAt(fieldDoc, keywordField(true))
		concepts := keywordField(false)
		concepts.Name = conceptField(lang)
		dm.AddFieldMappingsAt(fieldConcepts, concepts)
		// The language is indexed too, to count a language's passages.
		dm.AddFieldMappingsAt(typeField, keywordField(false))
		// No _all field: every search names its fields, and passageDoc
		// adds fields the mapping would not know to leave out of it.
		dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
		im.AddDocumentMapping(lang, dm)
	}
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	return im, nil
}

func keywordField(store bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = store
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}
