package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AliasKind says what an alias set names; the index uses it to understand
// questions (an ordinal picks an event, a question word asks for a date…).
type AliasKind string

// The kinds of alias set.
const (
	AliasEvent    AliasKind = "event"
	AliasOrdinal  AliasKind = "ordinal"
	AliasPlace    AliasKind = "place"
	AliasPerson   AliasKind = "person"
	AliasDocument AliasKind = "document"
	AliasOrg      AliasKind = "org"
	AliasMonth    AliasKind = "month"
	AliasTopic    AliasKind = "topic"
	AliasAction   AliasKind = "action"
	AliasQuestion AliasKind = "question"
	AliasRole     AliasKind = "role" // a title ("president", "executive director"), not a name
	// AliasOther names things outside the corpus's subject (another summit,
	// another organization): a question about one is not about the corpus.
	AliasOther AliasKind = "other"
)

var aliasKinds = []AliasKind{AliasEvent, AliasOrdinal, AliasPlace, AliasPerson, AliasDocument,
	AliasOrg, AliasMonth, AliasTopic, AliasAction, AliasQuestion, AliasRole, AliasOther}

// Answer types a question set can ask for.
const (
	AnswerDate     = "date"
	AnswerPlace    = "place"
	AnswerPerson   = "person"
	AnswerNumber   = "number"
	AnswerDocument = "document"
)

var answerTypes = []string{AnswerDate, AnswerPlace, AnswerPerson, AnswerNumber, AnswerDocument}

// AliasSet is a group of words and phrases, in one or more languages, that
// name the same thing.
type AliasSet struct {
	ID    string
	Kind  AliasKind
	Value string // ordinals: "1".."n", "next" or "last"; months: "1".."12"
	// Answer is, for a question set, what the question asks for: an answer
	// type or a set id. For a topic set it is what a question about the
	// topic asks for when no question word says: a figure, for trade.
	Answer  string
	Broader []string            // ids of sets this one is a kind or a part of: "xian-declaration" → "declaration"
	Implies string              // question sets: a set the answer likely names ("when was X" → "held")
	Forms   map[string][]string // language → lowercase forms, possibly several words
	Origin  string              // file and line, for error messages
}

type aliasFile struct {
	Version int        `yaml:"version"`
	Sets    []aliasDef `yaml:"sets"`
}

type aliasDef struct {
	ID      string   `yaml:"id"`
	Kind    string   `yaml:"kind"`
	Value   string   `yaml:"value"`
	Answer  string   `yaml:"answer"`
	Broader idList   `yaml:"broader"`
	Implies string   `yaml:"implies"`
	EN      []string `yaml:"en"`
	FR      []string `yaml:"fr"`
	RU      []string `yaml:"ru"`
	ZH      []string `yaml:"zh"`
	KK      []string `yaml:"kk"`
	UZ      []string `yaml:"uz"`
}

// AliasFileName is the name of the alias file in a corpus folder.
const AliasFileName = "aliases.yaml"

const aliasVersion = 1

var aliasIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// ParseAliases reads an alias file. path is used in errors, which are
// *FieldError values naming the line and the field at fault.
func ParseAliases(path string, data []byte) ([]AliasSet, error) {
	fail := func(line int, field, format string, args ...any) ([]AliasSet, error) {
		return nil, &FieldError{Path: path, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fail(0, "", "%v", err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	var f aliasFile
	if err := dec.Decode(&f); err != nil {
		return fail(0, "", "%v", err)
	}
	if f.Version != aliasVersion {
		return fail(0, "version", "got %d, this program reads version %d", f.Version, aliasVersion)
	}
	lines := setLines(&root)
	seen := map[string]int{}
	out := make([]AliasSet, 0, len(f.Sets))
	for i, d := range f.Sets {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		s := AliasSet{ID: d.ID, Kind: AliasKind(d.Kind), Value: d.Value, Answer: d.Answer, Broader: d.Broader, Implies: d.Implies,
			Forms: map[string][]string{}, Origin: fmt.Sprintf("%s:%d", path, line)}
		if !aliasIDPattern.MatchString(s.ID) {
			return fail(line, "id", "%q: use lowercase letters, digits, '_' and '-'", s.ID)
		}
		if prev, dup := seen[s.ID]; dup {
			return fail(line, "id", "%q already defined at line %d", s.ID, prev)
		}
		seen[s.ID] = line
		if !slices.Contains(aliasKinds, s.Kind) {
			return fail(line, "kind", "set %q: unknown kind %q", s.ID, s.Kind)
		}
		if s.Kind == AliasQuestion && s.Answer != "" && !slices.Contains(answerTypes, s.Answer) && !aliasIDPattern.MatchString(s.Answer) {
			return fail(line, "answer", "set %q: want one of %s, or the id of a set", s.ID, strings.Join(answerTypes, ", "))
		}
		if s.Kind == AliasTopic && s.Answer != "" && !slices.Contains(answerTypes, s.Answer) {
			return fail(line, "answer", "set %q: want one of %s", s.ID, strings.Join(answerTypes, ", "))
		}
		if s.Kind != AliasQuestion && s.Kind != AliasTopic && s.Answer != "" {
			return fail(line, "answer", "set %q: only question and topic sets have an answer type", s.ID)
		}
		if s.Kind != AliasQuestion && s.Implies != "" {
			return fail(line, "implies", "set %q: only question sets imply a set", s.ID)
		}
		if (s.Kind == AliasOrdinal || s.Kind == AliasMonth) && s.Value == "" {
			return fail(line, "value", "set %q: %s sets need a value", s.ID, s.Kind)
		}
		for lang, forms := range map[string][]string{"en": d.EN, "fr": d.FR, "ru": d.RU, "zh": d.ZH, "kk": d.KK, "uz": d.UZ} {
			for _, form := range forms {
				form = strings.Join(strings.Fields(strings.ToLower(form)), " ")
				if form == "" {
					return fail(line, lang, "set %q: empty form", s.ID)
				}
				s.Forms[lang] = append(s.Forms[lang], form)
			}
		}
		// A set without forms is a category that other sets name as broader.
		out = append(out, s)
	}
	return out, nil
}

// idList reads "broader: declaration" and "broader: [city, sichuan]" alike.
type idList []string

func (l *idList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = idList{n.Value}
		return nil
	}
	var ids []string
	if err := n.Decode(&ids); err != nil {
		return err
	}
	*l = ids
	return nil
}

// setLines returns the line of each entry of the "sets" sequence.
func setLines(root *yaml.Node) []int {
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "sets" {
			var lines []int
			for _, n := range m.Content[i+1].Content {
				lines = append(lines, n.Line)
			}
			return lines
		}
	}
	return nil
}

// mergeAliases adds extra sets to base. A set whose id is already known
// extends it with more forms, and must keep its kind.
func mergeAliases(base, extra []AliasSet) ([]AliasSet, error) {
	out := slices.Clone(base)
	index := map[string]int{}
	for i, s := range out {
		index[s.ID] = i
	}
	for _, s := range extra {
		i, ok := index[s.ID]
		if !ok {
			index[s.ID] = len(out)
			out = append(out, s)
			continue
		}
		b := out[i]
		if b.Kind != s.Kind {
			return nil, fmt.Errorf("%s: set %q has kind %q, but %s defines it as %q", s.Origin, s.ID, s.Kind, b.Origin, b.Kind)
		}
		forms := map[string][]string{}
		for lang, f := range b.Forms {
			forms[lang] = slices.Clone(f)
		}
		for lang, f := range s.Forms {
			for _, form := range f {
				if !slices.Contains(forms[lang], form) {
					forms[lang] = append(forms[lang], form)
				}
			}
		}
		b.Forms = forms
		out[i] = b
	}
	return out, nil
}

// checkBroader reports a set whose broader set or answer does not exist,
// or a loop of broader sets.
func checkBroader(sets []AliasSet) error {
	byID := map[string]AliasSet{}
	for _, s := range sets {
		byID[s.ID] = s
	}
	for _, s := range sets {
		if s.Answer != "" && !slices.Contains(answerTypes, s.Answer) {
			if _, ok := byID[s.Answer]; !ok {
				return fmt.Errorf("%s: field \"answer\": set %q asks for %q, which is neither an answer type nor a set", s.Origin, s.ID, s.Answer)
			}
		}
		if _, ok := byID[s.Implies]; s.Implies != "" && !ok {
			return fmt.Errorf("%s: field \"implies\": set %q names %q, which is not defined", s.Origin, s.ID, s.Implies)
		}
		seen := map[string]bool{s.ID: true}
		todo := slices.Clone(s.Broader)
		for len(todo) > 0 {
			b := todo[0]
			todo = todo[1:]
			bs, ok := byID[b]
			if !ok {
				return fmt.Errorf("%s: field \"broader\": set %q names %q, which is not defined", s.Origin, s.ID, b)
			}
			if b == s.ID {
				return fmt.Errorf("%s: field \"broader\": set %q is broader than itself", s.Origin, s.ID)
			}
			if !seen[b] {
				seen[b] = true
				todo = append(todo, bs.Broader...)
			}
		}
	}
	return nil
}
