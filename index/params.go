package index

import "github.com/summitbot/summitbot/corpus"

// Params are every number the answer path decides by: how a question's
// pieces weigh, how the re-ranker combines its signals, and where it draws
// the line between an answer, the closest passage and a refusal. They were
// set on the tuning sets in testdata, last by the sweep's coordinate ascent
// (TestSweep); the frozen sets are never used to set them. A sweep passes
// other values through Options.Params rather than changing a package
// variable.
type Params struct {
	// Candidates is how many passages the full-text search hands to the
	// re-ranker; the corpus holds each fact in about four passages, one
	// per language.
	Candidates int
	// OwnFieldBoost multiplies, in the candidate search, the score of the
	// question's words in the field of its own language.
	OwnFieldBoost float64

	// Weights of the pieces of a question in a passage's coverage.
	Weights UnitWeights

	// Signals of the re-ranker's score.
	Signals Signals

	// Event scores a passage about the event the question names.
	Event EventScores

	// MinCoverage is the share of a question (by weight) that the best
	// passage must match to be given as the answer.
	MinCoverage float64
	// MinClosest is the share below which not even the closest passage is
	// offered: the question is refused outright.
	MinClosest float64
	// MinKindredCoverage is MinCoverage for a question read through a
	// kindred language (Kyrgyz as Kazakh, Turkmen as Uzbek, Tajik as
	// Russian): its own words match only where they happen to be spelt
	// alike, so a partial match is too often another fact, and for those
	// readers a refusal is better than a wrong answer. A question read as
	// Kazakh or Uzbek from its words alone, in Cyrillic without their
	// letters, needs it too: it may be Kyrgyz.
	MinKindredCoverage float64
	// MinSupportCoverage is MinCoverage for the other passages shown.
	MinSupportCoverage float64
	// MinClauseWeight is how much a clause of a question must ask to be
	// judged on its own: at least one name or event.
	MinClauseWeight float64
	// NearlyAsGood is how far below the best passage's score a passage in
	// the question's language may be and still answer instead of it.
	NearlyAsGood float64
	// Fallback lists, for a language with only the core fact sheets, the
	// languages whose passages answer in its place, in order, each with
	// its share of the Language signal: a Kazakh reader is answered in
	// Kazakh, else in Russian, else in English.
	Fallback map[string][]LanguageShare
	// Fuzzy is the edit distance allowed for a word that no passage holds
	// as typed: 1 from MinFuzzyRunes runes, 2 from MinFuzzy2Runes.
	MinFuzzyRunes, MinFuzzy2Runes int
}

// LanguageShare is one language a reader falls back on, and how much of the
// Language signal a passage in it earns.
type LanguageShare struct {
	Lang  string
	Share float64
}

// UnitWeights say how much each piece of a question counts towards a
// passage's coverage of it. Ordinals and verbs say little about what a
// question is about; names and events say most.
type UnitWeights struct {
	Concept map[corpus.AliasKind]float64
	// Word is a word outside every alias set: its importance is unknown,
	// so it counts less than a name the corpus knows.
	Word float64
	// Entity is a capitalized word, an acronym or a Latin word in a
	// Cyrillic or Chinese question: most likely a name.
	Entity float64
	// Prefix is the share of a word's weight that a passage holding
	// another word of its stem earns ("coûtera", "coût"): the stemmers
	// leave many forms of a word apart.
	Prefix float64
	// Year is a four-digit year: years are everywhere in this corpus.
	Year float64
	// HanShort is a single Chinese character outside every alias set.
	HanShort float64
	// A word outside the alias sets that many passages of its language
	// hold says little of which one answers ("entre", "élevés", "году"):
	// from CommonShare of the passages on, it weighs Common times Word,
	// and less the closer it is to that share.
	CommonShare, Common float64
}

// isCommon reports whether a word that df of its language's n passages
// hold is one that many do: from CommonShare on. It says so by the share,
// not by commonness, whose Common may be above 1.
func (w UnitWeights) isCommon(df, n uint64) bool {
	return n > 0 && w.CommonShare > 0 && float64(df) >= w.CommonShare*float64(n)
}

// commonness scales a word's weight by how many of its language's n
// passages hold it (df).
func (w UnitWeights) commonness(df, n uint64) float64 {
	if n == 0 || w.CommonShare <= 0 {
		return 1
	}
	share := min(float64(df)/float64(n)/w.CommonShare, 1)
	return 1 - share*(1-w.Common)
}

// Signals weigh the re-ranker's evidence; a passage's score is their sum.
type Signals struct {
	BM25      float64 // the full-text score, relative to the best in its language
	Coverage  float64 // the matched share of the question
	Heading   float64 // the share of the question the passage's heading and title name
	Proximity float64 // how close together the matched words stand
	Language  float64 // the passage is in the question's language
	// AnswerInSentence rewards the passage whose best sentence holds what
	// the question asks for (a date for "when", a person for "who"), and
	// AnswerPerSentence each further sentence that holds one, up to three.
	AnswerInSentence, AnswerPerSentence float64
	// AnswerInPassage is the smaller reward when only another sentence of
	// the passage holds it, YearForDate when only a year does for "when".
	AnswerInPassage, YearForDate float64
	// Day rewards, for "when", a best sentence whose date names the day;
	// List, for a question asking for a kind of thing ("which countries"),
	// a best sentence that names three or more of that kind.
	Day, List float64
	// AnswerMissing is the penalty when nothing in the passage is of the
	// asked kind.
	AnswerMissing float64
	// Implied rewards the best sentence naming what the question implies
	// ("when was the summit": the sentence that says it was held), and
	// Outcome is added when that sentence is about something the event
	// produced, which the question does not ask about.
	Implied, Outcome float64
	// OtherYear is added when a question asking for a year's figure gets
	// a best sentence that starts with another year and names the asked
	// one only in passing, as what the figure is compared with.
	OtherYear float64
	// HeadOther is added when the passage's heading names a topic the
	// question does not: the section is about that topic ("Transport
	// ministers: second meeting"), and a question that names none is
	// about the format's own event ("the second ministers' meeting").
	HeadOther float64
	// SentenceAnswer is how much, in the choice of the answer sentence
	// within a passage, holding the asked kind of fact counts against
	// matching the question's words (in units of weight).
	SentenceAnswer float64
	// SentenceSubject is the share of their weight that the question's
	// names and concepts count for in that choice, its other words all of
	// theirs: a passage names its subject first and says what is asked of
	// it after ("The Business Council was inaugurated… It was founded
	// by…").
	SentenceSubject float64
}

// EventScores reward a passage about the event the question names and
// penalize one about another event of the same kind.
type EventScores struct {
	Ordinal, WrongOrdinal, MentionedOrdinal float64 // "the first summit"
	Relative, RelativeWrong, NextOver       float64 // "the next summit", "last year's meeting"
	SameKind, OtherKind                     float64 // a summit for a question about summits
	Place, Year, YearMentioned              float64
	// YearOther is added when the passage is about a year (its heading's,
	// or its first sentence's) other than the one the question names.
	YearOther float64
}

// DefaultParams returns the parameters SummitBot answers with.
func DefaultParams() Params {
	return Params{
		Candidates: 40, OwnFieldBoost: 2,
		Weights: UnitWeights{
			Concept: map[corpus.AliasKind]float64{
				corpus.AliasEvent: 1, corpus.AliasOrg: 1, corpus.AliasDocument: 1, corpus.AliasPerson: 1,
				corpus.AliasPlace: 1, corpus.AliasTopic: 1, corpus.AliasMonth: 0.5, corpus.AliasOrdinal: 0.5,
				corpus.AliasAction: 0.3, corpus.AliasOther: 1.5, corpus.AliasRole: 0.8,
			},
			Word: 0.7, Prefix: 0.6, Entity: 2, Year: 1, HanShort: 0.3, CommonShare: 0.266, Common: 1.06,
		},
		Signals: Signals{
			BM25: 0.44, Coverage: 0.7, Heading: 0.15, Proximity: 0.112, Language: 0.3,
			AnswerInSentence: 0.25, AnswerPerSentence: 0.09, AnswerInPassage: 0.1, YearForDate: 0.05, Day: 0.135, List: 0.2,
			AnswerMissing: -0.17, Implied: 0.15, Outcome: -0.1, OtherYear: -0.1, HeadOther: -0.5, SentenceAnswer: 0.8, SentenceSubject: 0.225,
		},
		Event: EventScores{
			Ordinal: 0.375, WrongOrdinal: -0.125, MentionedOrdinal: 0.2,
			Relative: 0.4, RelativeWrong: -0.4, NextOver: -0.5,
			SameKind: 0.2, OtherKind: -0.2,
			Place: 0.15, Year: 0.05, YearMentioned: 0.1, YearOther: -0.293,
		},
		MinCoverage: 0.6, MinKindredCoverage: 0.75, MinClosest: 0.4, MinSupportCoverage: 0.5, MinClauseWeight: 1.5,
		NearlyAsGood: 0.25,
		Fallback: map[string][]LanguageShare{
			"kk": {{"ru", 0.6}, {"en", 0.3}},
			"uz": {{"ru", 0.6}, {"en", 0.3}},
		},
		MinFuzzyRunes: 5, MinFuzzy2Runes: 7,
	}
}

// languageShare is how much of the Language signal a passage in lang earns
// for a question in asked: all of it in the same language, a share in a
// language the reader falls back on, none otherwise.
func (p Params) languageShare(asked, lang string) float64 {
	if asked == lang {
		return 1
	}
	for _, f := range p.Fallback[asked] {
		if f.Lang == lang {
			return f.Share
		}
	}
	return 0
}
