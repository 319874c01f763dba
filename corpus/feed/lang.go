package feed

import (
	"strings"

	"github.com/summitbot/summitbot/corpus"
)

// threeLetter maps the ISO 639-2 codes some feeds use to the two-letter
// codes of corpus.Languages.
var threeLetter = map[string]string{
	"eng": "en", "fre": "fr", "fra": "fr", "rus": "ru", "chi": "zh", "zho": "zh", "cmn": "zh",
	"kaz": "kk", "uzb": "uz",
}

// langCode reduces a language tag ("en-us", "zh-CN", "fr_FR", "rus") to
// one of corpus.Languages, or "" for another language or no tag. A list
// ("ru, en", as Content-Language may send) is read by its first tag.
func langCode(tag string) string {
	tag, _, _ = strings.Cut(tag, ",")
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if c, ok := threeLetter[tag]; ok {
		tag = c
	}
	if corpus.KnownLanguage(tag) {
		return tag
	}
	return ""
}
