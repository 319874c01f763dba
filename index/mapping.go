package index

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"

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
	if err := im.AddCustomTokenFilter(prefixName, map[string]interface{}{"type": truncate.Name, "length": float64(prefixRunes)}); err != nil {
		return nil, fmt.Errorf("token filter %s: %w", prefixName, err)
	}
	for _, lang := range []string{"kk", "uz"} {
		words := ownStopwords(lang)
		tokens := make([]interface{}, len(words))
		for i, w := range words {
			tokens[i] = w
		}
		mapName := stopFilterName(lang) + "_words"
		if err := im.AddCustomTokenMap(mapName, map[string]interface{}{"type": tokenmap.Name, "tokens": tokens}); err != nil {
			return nil, fmt.Errorf("token map %s: %w", mapName, err)
		}
		if err := im.AddCustomTokenFilter(stopFilterName(lang), map[string]interface{}{"type": stop.Name, "stop_token_map": mapName}); err != nil {
			return nil, fmt.Errorf("token filter %s: %w", stopFilterName(lang), err)
		}
	}
	for name, cfg := range analyzerConfigs {
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", name, err)
		}
	}
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
