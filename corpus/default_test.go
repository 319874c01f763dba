package corpus

import (
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Tests over the embedded corpus: every passage cites an original source,
// the four language versions of a fact sheet say the same things, ids are
// unique and the text carries no Markdown.

func loadDefault(t *testing.T) *Collection {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// copySites are domains that only copy other publishers' texts (mirrors,
// aggregators, reprint wires): never the citation a user is shown.
var copySites = []string{
	"wikisum.wiki", "khabarasia.com", "myglobalnews.net", "youngbhartiya.com",
	"tellerreport.com", "zinioapps.com", "globenewswire.com",
}

func isCopySite(host string) bool {
	host = strings.ToLower(host)
	for _, d := range copySites {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// checkURL reports what is wrong with a citation link, or "" when it is a
// usable http(s) link on an original publisher's site.
func citationURLProblem(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return err.Error()
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("scheme %q, want http or https", u.Scheme)
	case u.Host == "":
		return "no host"
	case isCopySite(u.Hostname()):
		return fmt.Sprintf("%s is a copy site, not the original publisher", u.Hostname())
	}
	return ""
}

func isSummitBot(s string) bool { return strings.Contains(strings.ToLower(s), "summitbot") }

func TestDefaultCitations(t *testing.T) {
	c := loadDefault(t)
	for _, d := range c.Documents {
		if d.URL != "" {
			if msg := citationURLProblem(t, d.URL); msg != "" {
				t.Errorf("%s: front-matter url %s: %s", d.ID, d.URL, msg)
			}
		}
		secs := sections(d.Body)
		if d.Kind == FactSheet {
			for _, s := range secs {
				if len(s.sources) == 0 {
					t.Errorf("%s, section %q: no sources line", d.ID, s.heading)
					continue
				}
				for _, src := range s.sources {
					if src.Publisher == "" {
						t.Errorf("%s, section %q: source %q names no publisher", d.ID, s.heading, src.URL)
					}
				}
			}
		}
		passages := Split(d)
		for _, p := range passages {
			cit := p.Citation
			if strings.TrimSpace(cit.Source) == "" || isSummitBot(cit.Source) {
				t.Errorf("%s: citation source %q: want the original publisher", p.ID, cit.Source)
			}
			if cit.URL == "" && cit.Published.IsZero() {
				t.Errorf("%s: citation %q has neither a date nor a link", p.ID, cit.Source)
			}
			if cit.URL != "" {
				if msg := citationURLProblem(t, cit.URL); msg != "" {
					t.Errorf("%s: citation url %s: %s", p.ID, cit.URL, msg)
				}
			}
			if d.Kind == FactSheet {
				s := sectionOf(secs, p.Heading)
				if s == nil || len(s.sources) == 0 {
					continue // reported above
				}
				if first := s.sources[0]; cit.Source != first.Publisher || cit.URL != first.URL {
					t.Errorf("%s: citation %q %q, want the section's first source %q %q",
						p.ID, cit.Source, cit.URL, first.Publisher, first.URL)
				}
				if !cit.Compiled {
					t.Errorf("%s: a fact sheet's citation must say SummitBot compiled it", p.ID)
				}
			}
		}
	}
}

func sectionOf(secs []section, heading string) *section {
	for i := range secs {
		if secs[i].heading == heading {
			return &secs[i]
		}
	}
	return nil
}

func TestDefaultUniqueIDs(t *testing.T) {
	c := loadDefault(t)
	docs := map[string]string{}
	for _, d := range c.Documents {
		if prev, ok := docs[d.ID]; ok {
			t.Errorf("document id %q used by %s and %s", d.ID, prev, d.Origin)
		}
		docs[d.ID] = d.Origin
	}
	passages := map[string]string{}
	for _, d := range c.Documents {
		for _, p := range Split(d) {
			if prev, ok := passages[p.ID]; ok {
				t.Errorf("passage id %q in %s and %s", p.ID, prev, d.ID)
			}
			passages[p.ID] = d.ID
		}
	}
	// Heading text would be ambiguous inside one document too.
	for _, d := range c.Documents {
		seen := map[string]bool{}
		for _, s := range sections(d.Body) {
			if s.heading != "" && seen[s.heading] {
				t.Errorf("%s: heading %q used twice", d.ID, s.heading)
			}
			seen[s.heading] = true
		}
	}
}

var strayMarkup = []struct {
	name string
	re   *regexp.Regexp
}{
	{"bold **", regexp.MustCompile(`\*\*`)},
	{"bold __", regexp.MustCompile(`__`)},
	{"link ](", regexp.MustCompile(`\]\(`)},
	{"heading #", regexp.MustCompile(`^\s*#`)},
	{"backtick", regexp.MustCompile("`")},
	{"sources line", regexp.MustCompile(`(?i)(^|\s)(sources?|источники?)\s*:|来源\s*[:：]`)},
	{"HTML tag", regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>`)},
}

func TestDefaultPlainText(t *testing.T) {
	c := loadDefault(t)
	for _, p := range c.Passages() {
		for _, field := range []struct{ name, text string }{{"text", p.Text}, {"heading", p.Heading}} {
			for _, m := range strayMarkup {
				if loc := m.re.FindStringIndex(field.text); loc != nil {
					t.Errorf("%s: %s has stray markup (%s) at %q", p.ID, field.name, m.name, excerpt(field.text, loc[0]))
				}
			}
		}
	}
}

func excerpt(s string, at int) string {
	from, to := max(0, at-20), min(len(s), at+20)
	for from > 0 && !isRuneStart(s[from]) {
		from--
	}
	for to < len(s) && !isRuneStart(s[to]) {
		to++
	}
	return s[from:to]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// TestDefaultLanguagesAgree compares the four language versions of each fact
// sheet: the same sections in the same order, and per section the same years
// and the same other numbers in the text (headings, which name the subject
// in each language's own way, are not compared).
// decimalComma are the languages that write 94,8 for 94.8 and a space
// between thousands.
var decimalComma = map[string]bool{"fr": true, "ru": true, "kk": true, "uz": true}

func TestDefaultLanguagesAgree(t *testing.T) {
	c := loadDefault(t)
	groups := map[string]map[string]Document{}
	for _, d := range c.Documents {
		if d.Kind != FactSheet {
			continue
		}
		stem, ok := strings.CutSuffix(d.ID, "-"+d.Lang)
		if !ok {
			t.Errorf("%s: a fact sheet's id ends in its language, -%s", d.ID, d.Lang)
			continue
		}
		if groups[stem] == nil {
			groups[stem] = map[string]Document{}
		}
		groups[stem][d.Lang] = d
	}
	stems := make([]string, 0, len(groups))
	for s := range groups {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	for _, stem := range stems {
		g := groups[stem]
		t.Run(stem, func(t *testing.T) {
			ref, ok := g["en"]
			if !ok {
				t.Fatalf("no English version of %s", stem)
			}
			refSecs := sections(ref.Body)
			for _, lang := range Languages {
				if lang == "en" {
					continue
				}
				d, ok := g[lang]
				if !ok {
					if slices.Contains(SheetLanguages, lang) {
						t.Errorf("%s: no %s version", stem, lang)
					}
					continue
				}
				compareSheets(t, ref, refSecs, d, sections(d.Body))
			}
		})
	}
}

func compareSheets(t *testing.T, ref Document, refSecs []section, d Document, secs []section) {
	t.Helper()
	if len(secs) != len(refSecs) {
		t.Errorf("%s has %d sections %q, %s has %d %q", d.ID, len(secs), headings(secs), ref.ID, len(refSecs), headings(refSecs))
		return
	}
	for i := range secs {
		a, b := numbersIn(ref.Lang, strings.Join(refSecs[i].paragraphs, " ")), numbersIn(d.Lang, strings.Join(secs[i].paragraphs, " "))
		for _, kind := range []string{"years", "numbers"} {
			onlyRef, onlyD := diff(a[kind], b[kind])
			if len(onlyRef) > 0 || len(onlyD) > 0 {
				t.Errorf("%s section %d %q vs %s %q: %s differ: only in %s %v, only in %s %v",
					d.ID, i+1, secs[i].heading, ref.ID, refSecs[i].heading, kind, ref.Lang, onlyRef, d.Lang, onlyD)
			}
		}
	}
}

func headings(secs []section) []string {
	out := make([]string, len(secs))
	for i, s := range secs {
		out[i] = s.heading
	}
	return out
}

func diff(a, b map[string]bool) (onlyA, onlyB []string) {
	for k := range a {
		if !b[k] {
			onlyA = append(onlyA, k)
		}
	}
	for k := range b {
		if !a[k] {
			onlyB = append(onlyB, k)
		}
	}
	slices.Sort(onlyA)
	slices.Sort(onlyB)
	return onlyA, onlyB
}

// figure is a number in running text: digits with thousands separators or
// a decimal part. figureSuffix reads what follows it: a percent sign, a
// scale word, or the "月" of a Chinese month. Digits glued to a Latin or
// Cyrillic letter on their left ("C+C5", "G20", "t20241203") are part of a
// name, not figures; Chinese text glues figures to characters.
var (
	figure       = regexp.MustCompile(`\d+(?:[,.\x{00A0}\x{202F} ]\d+)*`)
	figureSuffix = regexp.MustCompile(`^(?i)(?:\s*(?:%|％|pour\s*cent|per\s*cent|percent|процент\p{L}*)|\s*(?:billions?|milliards?|млрд|миллиард\p{L}*|millions?|млн|миллион\p{L}*|thousand|тысяч\p{L}*|тыс)(?:\P{L}|$)|\s*(?:亿|万|千)|\s*月)`)
)

var scales = map[string]int64{
	"billion": 1e9, "milliard": 1e9, "млрд": 1e9, "миллиард": 1e9,
	"million": 1e6, "млн": 1e6, "миллион": 1e6,
	"thousand": 1e3, "тысяч": 1e3, "тыс": 1e3,
	"亿": 1e8, "万": 1e4, "千": 1e3,
}

// numbersIn returns the years (1900–2100, without a scale) and the other
// figures of a text, normalised so that the four languages compare equal:
//   - decimal comma and point are one ("1,5" = "1.5" in French and Russian);
//     in English and Chinese a comma before three digits separates
//     thousands ("1,500"), as a space does in French and Russian ("1 500");
//   - "N billion" = "N milliards" = "N млрд" = "N миллиардов" = "N×10 亿",
//     and likewise for millions (万) and thousands: figures are compared as
//     plain values;
//   - "35 %", "35%", "35 per cent" and "35 процентов" are all "35%";
//   - a Chinese month ("5月") is dropped, since the other languages write
//     the month as a word; ordinals written as words are not figures, and
//     ordinals in digits ("5,000th", "5000e", "5000-го", "第5000") count as
//     their number.
func numbersIn(lang, text string) map[string]map[string]bool {
	out := map[string]map[string]bool{"years": {}, "numbers": {}}
	for _, m := range figure.FindAllStringIndex(text, -1) {
		if prev, _ := utf8.DecodeLastRuneInString(text[:m[0]]); m[0] > 0 &&
			(unicode.In(prev, unicode.Latin, unicode.Cyrillic) || prev == '.' || prev == ',') {
			continue
		}
		digits := text[m[0]:m[1]]
		suffix := strings.ToLower(strings.TrimSpace(figureSuffix.FindString(text[m[1]:])))
		if suffix == "月" {
			continue
		}
		v, ok := parseFigure(lang, digits)
		if !ok {
			continue
		}
		kind := "numbers"
		switch {
		case strings.HasPrefix(suffix, "%") || strings.HasPrefix(suffix, "％") || strings.Contains(suffix, "cent") || strings.HasPrefix(suffix, "процент"):
			out[kind][v.FloatString(precision(v))+"%"] = true
			continue
		case suffix != "":
			for word, scale := range scales {
				if strings.HasPrefix(suffix, word) {
					v.Mul(v, new(big.Rat).SetInt64(scale))
					break
				}
			}
		case v.IsInt() && v.Num().Int64() >= 1900 && v.Num().Int64() <= 2100 && !strings.ContainsAny(digits, ",.  \u00a0\u202f"):
			kind = "years"
		}
		out[kind][v.FloatString(precision(v))] = true
	}
	return out
}

func precision(v *big.Rat) int {
	if v.IsInt() {
		return 0
	}
	return 3
}

var (
	thousandsComma = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
	thousandsSpace = regexp.MustCompile(`^\d{1,3}([\x{00A0}\x{202F} ]\d{3})+$`)
)

// parseFigure reads digits as the language writes them.
func parseFigure(lang, s string) (*big.Rat, bool) {
	switch {
	case (lang == "en" || lang == "zh") && thousandsComma.MatchString(s):
		s = strings.ReplaceAll(s, ",", "")
	case decimalComma[lang] && thousandsSpace.MatchString(s):
		s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	case strings.ContainsAny(s, "  \u00a0\u202f"):
		// Two figures side by side ("2024 500"): take the last one would
		// be a guess; the regexp only joins groups of three, so this is
		// a real separator the caller must not see. Keep the first group.
		s = strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' })[0]
	}
	if decimalComma[lang] {
		s = strings.ReplaceAll(s, ",", ".")
	}
	if strings.Count(s, ".") > 1 || strings.Contains(s, ",") {
		return nil, false
	}
	v, ok := new(big.Rat).SetString(s)
	return v, ok
}

func TestNumbersIn(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		years      []string
		numbers    []string
	}{
		{"en", "about 35% more than in 2022, 94.8 billion US dollars", []string{"2022"}, []string{"35%", "94800000000"}},
		{"fr", "environ 35 % de plus qu'en 2022, 94,8 milliards de dollars", []string{"2022"}, []string{"35%", "94800000000"}},
		{"ru", "примерно на 35% больше, чем в 2022 году, 94,8 млрд долларов", []string{"2022"}, []string{"35%", "94800000000"}},
		{"ru", "26 миллиардов юаней", nil, []string{"26000000000"}},
		{"zh", "较2022年增长约35%，为948亿美元", []string{"2022"}, []string{"35%", "94800000000"}},
		{"en", "1,500 training places and the 5,000th truck on 1 December 2024", []string{"2024"}, []string{"1", "1500", "5000"}},
		{"fr", "1500 places, le 5000e camion, le 1er décembre 2024", []string{"2024"}, []string{"1", "1500", "5000"}},
		{"fr", "3 000 places de formation", nil, []string{"3000"}},
		{"zh", "2024年12月1日，第5000辆卡车", []string{"2024"}, []string{"1", "5000"}},
		{"en", "the fifth meeting, C+C5", nil, nil},
		{"en", "page t20241203 of G20", nil, nil},
	} {
		got := numbersIn(tc.lang, tc.text)
		for kind, want := range map[string][]string{"years": tc.years, "numbers": tc.numbers} {
			var have []string
			for k := range got[kind] {
				have = append(have, k)
			}
			slices.Sort(have)
			w := slices.Clone(want)
			slices.Sort(w)
			if !slices.Equal(have, w) {
				t.Errorf("numbersIn(%s, %q) %s = %v, want %v", tc.lang, tc.text, kind, have, w)
			}
		}
	}
}
