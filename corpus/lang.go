package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// frenchMarks and englishMarks are words that tell French from English in a
// short question; every other Latin-script question is English by default.
var (
	frenchMarks = wordSet(`le la les un une des du de au aux et est où ou quand qui quel quelle quels quelles
		comment combien pourquoi sommet sommets réunion réunions ministres affaires étrangères premier première
		deuxième second seconde troisième prochain prochaine dernier dernière lieu eu été a ont sont dans sur avec
		pour par ce cette ces qu quoi lors s'est c'est d'astana l'asie asie centrale chine déclaration traité`)
	englishMarks = wordSet(`the a an of in on at to is was were are be been when where who whom which what how
		many much did does do first second third next last summit summits meeting meetings foreign ministers
		held take took place hosted chaired declaration treaty china central asia with for and from about`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// DetectLanguage guesses the language of a question: Chinese when it has Han
// characters; for Cyrillic, Kazakh or Uzbek by their own letters, else
// Russian; for Latin script, Uzbek or Kazakh by their letters and words,
// else French or English by the words and accents used. It returns "" for
// text with no letters at all. The other languages of the region are read
// as the one of these closest to them (Kyrgyz as Kazakh, Tajik as Russian,
// Turkmen as Uzbek): their names of people and places are the same, so a
// question is understood or, at worst, refused.
func DetectLanguage(text string) string {
	han, cyr, lat := scripts(text)
	switch {
	case han == 0 && cyr == 0 && lat == 0:
		return ""
	case han > 0 && han*3 >= cyr && han*3 >= lat/2:
		// A few Han characters outweigh many Latin letters: "G20峰会在哪里".
		return "zh"
	case cyr >= lat:
		return cyrillicLanguage(text)
	case cyr > 0 && commonCyrillic(text):
		// "Чем занимается совместная компания China-Kyrgyzstan-Uzbekistan
		// Railway Company?": a Russian question quoting a Latin name.
		return cyrillicLanguage(text)
	}
	if l := regionalLatin(text); l != "" {
		return l
	}
	fr, en := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}) {
		w = strings.ReplaceAll(w, "’", "'")
		if strings.ContainsAny(w, "éèêàâçùûôîïëœ") {
			fr += 2
		}
		if frenchMarks[w] {
			fr++
		}
		if i := strings.IndexByte(w, '\''); i > 0 && (w[:i] == "l" || w[:i] == "d" || w[:i] == "qu" || w[:i] == "s" || w[:i] == "c" || w[:i] == "n") {
			fr++
		}
		if englishMarks[w] {
			en++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}

// commonCyrillic reports whether the words outside names, the capitalized
// words after the first, have more Cyrillic letters than Latin ones: the
// names a question quotes do not say what language it asks in.
func commonCyrillic(text string) bool {
	cyr, lat := 0, 0
	for i, w := range strings.Fields(text) {
		if r, _ := utf8.DecodeRuneInString(w); i > 0 && unicode.IsUpper(r) {
			continue
		}
		_, c, l := scripts(w)
		cyr, lat = cyr+c, lat+l
	}
	return cyr > lat
}

// scripts counts the Han, Cyrillic and Latin letters of text.
func scripts(text string) (han, cyr, lat int) {
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	return han, cyr, lat
}

// Letters that tell the region's alphabets apart from Russian and English.
// Kazakh writes ә і ң ө ұ ү һ in almost every sentence (Kyrgyz, read as
// Kazakh, has only ң ө ү of them); Uzbek has ў and ҳ, and shares қ and ғ
// with Kazakh, so a text with қ or ғ and none of Kazakh's own letters is
// Uzbek. Turkmen's Latin alphabet has ň ý ž.
const (
	kyrgyzLetters    = "ңөүҢӨҮ"
	kazakhOwnLetters = "әіұһӘІҰҺ"
	kazakhLetters    = kazakhOwnLetters + kyrgyzLetters
	sharedLetters    = "қғҚҒ"
	uzbekLetters     = "ўҳЎҲ"
	tajikLetters     = "ӣӯҷӢӮҶ"
	turkmenLetters   = "ňýžŇÝŽ"
)

func cyrillicLanguage(text string) string {
	var kk, uz, shared, tg int
	for _, r := range text {
		switch {
		case strings.ContainsRune(tajikLetters, r):
			tg++
		case strings.ContainsRune(uzbekLetters, r):
			uz++
		case strings.ContainsRune(kazakhLetters, r):
			kk++
		case strings.ContainsRune(sharedLetters, r):
			shared++
		}
	}
	switch {
	case tg > 0 && tg >= uz:
		return "ru" // Tajik: Persian, with Russian loanwords and the same names
	case uz > 0 && uz >= kk/2:
		return "uz"
	case kk > 0:
		return "kk"
	case shared > 0:
		return "uz"
	}
	return "ru"
}

// Kindred names the language of the region a text is written in when
// SummitBot has no sheets in it and reads it through a kindred one:
// Tajik (read as Russian), Kyrgyz (read as Kazakh: its letters without
// those only Kazakh and Uzbek write) and Turkmen (read as Uzbek). It
// returns "" for every other text.
func Kindred(text string) string {
	switch {
	case strings.ContainsAny(text, tajikLetters):
		return "tg"
	case strings.ContainsAny(text, kyrgyzLetters) && !strings.ContainsAny(text, kazakhOwnLetters+sharedLetters+uzbekLetters):
		return "ky"
	case strings.ContainsAny(text, turkmenLetters):
		return "tk"
	}
	return ""
}

var (
	// uzbekMarks and kazakhMarks are words of a question in the Latin
	// alphabets of Uzbek and Kazakh, as typed without their apostrophes
	// or letters.
	uzbekMarks = wordSet(`qachon qayerda qayer qaysi kim kimlar nechta necha nechanchi qancha sammit sammiti sammitda
		sammitlari uchrashuv uchrashuvi uchrashuvida vazirlari vazirlar tashqi ishlar birinchi ikkinchi uchinchi
		beshinchi oltinchi keyingi navbatdagi bo'lib o'tdi o'tgan o'tadi yil yilda yili xitoy markaziy osiyo
		davlatlari rahbarlari kotibiyat kotibiyati deklaratsiya shartnoma imzolandi qabul nima qanday qilindi`)
	kazakhMarks = wordSet(`qashan qaida qai kim kımder qanşa qansha neşınşı sammit sammitı sammiti kezdesu kezdesuı
		kezdesui mınıstrlerı ministrleri syrtqy sırtqı ıster ister bırınşı birinshi ekınşı ekinshi üşınşı ushinshi
		kelesı kelesi öttı otti ötedı jyly jylı qytai qytay ortalyq azia hatşylyq hatshylyq deklarasia şart`)
)

// regionalLatin recognizes Uzbek and Kazakh (and Turkmen, read as Uzbek)
// typed in the Latin alphabet, or returns "".
func regionalLatin(text string) string {
	lower := strings.ToLower(text)
	var uz, kk int
	for _, r := range lower {
		switch {
		case r == 'ʻ': // the Uzbek oʻ and gʻ
			uz += 2
		case r == 'ı', r == 'ū', r == 'ñ': // the Kazakh Latin alphabet of 2021
			kk += 2
		case strings.ContainsRune(turkmenLetters, r):
			uz += 2
		}
	}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != 'ʻ' && r != '‘' && r != '`'
	}) {
		if strings.ContainsAny(w, "ʻ’‘`") {
			w = uzbekApostrophes.Replace(w)
		}
		if uzbekMarks[w] {
			uz += 2
		}
		if kazakhMarks[w] {
			kk += 2
		}
		if strings.Contains(w, "o'") || strings.Contains(w, "g'") {
			uz++
		}
	}
	switch {
	case uz >= 2 && uz > kk:
		return "uz"
	case kk >= 2 && kk > uz:
		return "kk"
	}
	return ""
}

// uzbekApostrophes are the marks typed for the Uzbek oʻ and gʻ.
var uzbekApostrophes = strings.NewReplacer("ʻ", "'", "’", "'", "‘", "'", "`", "'")
