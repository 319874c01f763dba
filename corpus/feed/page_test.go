package feed

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// articleHTML wraps paragraphs in a page with the given <html> attributes
// and <head> content, with enough text for readability to take it as an
// article.
func articleHTML(htmlAttrs, head string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html" + htmlAttrs + "><head>" + head + "</head><body>")
	b.WriteString(`<nav><a href="/">Home</a> <a href="/about">About</a></nav><article>`)
	for _, p := range paragraphs {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</article><footer>Copyright footer</footer></body></html>`)
	return b.String()
}

const (
	enPara = "The first China–Central Asia Summit was held in Xi'an, Shaanxi province, on 18 and 19 May 2023, " +
		"with the heads of state of China, Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan."
	ruPara = "Первый саммит «Центральная Азия — Китай» прошёл в Сиане 18 и 19 мая 2023 года. Главы государств " +
		"подписали Сианьскую декларацию и договорились проводить саммиты раз в два года."
	zhPara = "2023年5月18日至19日，首届中国—中亚峰会在陕西省西安市举行。六国元首签署了《中国—中亚峰会西安宣言》，" +
		"并决定每两年举办一次峰会，轮流在中国和中亚国家举办。"
)

// windows1251 encodes Russian text as a Cyrillic code page does, for a page
// that is not UTF-8.
func windows1251(s string) string {
	var b []byte
	for _, r := range s {
		switch {
		case r >= 'А' && r <= 'я':
			b = append(b, byte(r-'А'+0xC0))
		case r == 'ё':
			b = append(b, 0xB8)
		case r == 'Ё':
			b = append(b, 0xA8)
		case r == '«':
			b = append(b, 0xAB)
		case r == '»':
			b = append(b, 0xBB)
		case r == '—':
			b = append(b, 0x97)
		case r < 0x80:
			b = append(b, byte(r))
		default:
			b = append(b, '?')
		}
	}
	return string(b)
}

func TestFetchPage(t *testing.T) {
	for _, tt := range []struct {
		name         string
		body         string
		contentType  string
		contentLang  string // header
		wantTitle    string
		wantLang     string
		wantSource   string // "host" for the test server's host
		wantDate     string // RFC 3339, "" for zero
		wantText     []string
		wantNotText  []string
		wantParaMinN int
	}{
		{
			name: "FrenchArticleWithoutBoilerplate", body: string(mustReadFile(t, "article-fr.html")), contentType: "text/html; charset=utf-8",
			wantTitle: "Le deuxième sommet Chine–Asie centrale à Astana", wantLang: "fr", wantSource: "Le Journal d'Asie",
			wantDate: "2025-06-18T09:30:00+02:00",
			wantText: []string{
				"Le deuxième sommet Chine–Asie centrale s'est tenu à Astana, au Kazakhstan, les 16 et 17 juin 2025.",
				"Les dirigeants ont signé la Déclaration d'Astana",
				"l'éducation & la culture",
			},
			wantNotText:  []string{"Accueil", "S'abonner", "cookies", "Accepter", "À lire aussi", "Tous droits réservés", "dataLayer", "publicité", "color"},
			wantParaMinN: 4,
		},
		{
			name: "LangFromOGLocale", contentType: "text/html",
			body:     articleHTML("", `<meta property="og:locale" content="ru_RU"><title>Саммит</title>`, ruPara, ruPara, ruPara),
			wantLang: "ru", wantTitle: "Саммит", wantSource: "host", wantText: []string{"прошёл в Сиане"}, wantParaMinN: 3,
		},
		{
			name: "LangFromContentLanguageHeader", contentType: "text/html", contentLang: "zh-CN",
			body:     articleHTML("", `<title>峰会</title>`, zhPara, zhPara, zhPara),
			wantLang: "zh", wantTitle: "峰会", wantSource: "host", wantText: []string{"首届中国—中亚峰会"}, wantParaMinN: 3,
		},
		{
			name: "LangFromHTTPEquiv", contentType: "text/html",
			body:     articleHTML("", `<meta http-equiv="Content-Language" content="en-GB"><title>Summit</title>`, enPara, enPara, enPara),
			wantLang: "en", wantTitle: "Summit", wantSource: "host", wantText: []string{"held in Xi'an"}, wantParaMinN: 3,
		},
		{
			name: "OtherLanguageIsUnknown", contentType: "text/html",
			body:     articleHTML(` lang="ky"`, `<meta property="og:locale" content="ru_RU"><title>Саммит</title>`, ruPara, ruPara, ruPara),
			wantLang: "", wantTitle: "Саммит", wantSource: "host", wantText: []string{"Сианьскую"}, wantParaMinN: 3,
		},
		{
			name: "DateFromItemprop", contentType: "text/html",
			body: articleHTML(` lang="en"`, `<title>Summit</title><meta itemprop="datePublished" content="2023-05-19">`,
				enPara, enPara, enPara),
			wantLang: "en", wantTitle: "Summit", wantSource: "host", wantDate: "2023-05-19T00:00:00Z", wantText: []string{"held in Xi'an"}, wantParaMinN: 3,
		},
		{
			name: "DateFromJSONLD", contentType: "text/html",
			body: articleHTML(` lang="en"`, `<title>Summit</title><script type="application/ld+json">`+
				`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Summit","datePublished":"2025-06-17T08:00:00Z"}</script>`,
				enPara, enPara, enPara),
			wantLang: "en", wantTitle: "Summit", wantSource: "host", wantDate: "2025-06-17T08:00:00Z", wantText: []string{"held in Xi'an"}, wantParaMinN: 3,
		},
		{
			name: "Windows1251Page", contentType: "text/html; charset=windows-1251",
			body:     windows1251(articleHTML(` lang="ru"`, `<title>Саммит</title>`, ruPara, ruPara, ruPara)),
			wantLang: "ru", wantTitle: "Саммит", wantSource: "host", wantText: []string{"Первый саммит «Центральная Азия — Китай» прошёл"}, wantParaMinN: 3,
		},
		{
			name: "SniffedWithoutContentType", contentType: "",
			body:     articleHTML(` lang="en"`, `<title>Summit</title>`, enPara, enPara, enPara),
			wantLang: "en", wantTitle: "Summit", wantSource: "host", wantText: []string{"held in Xi'an"}, wantParaMinN: 3,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Content-Type"] = []string{tt.contentType} // an empty value stops Go sniffing
				if tt.contentLang != "" {
					w.Header().Set("Content-Language", tt.contentLang)
				}
				w.Write([]byte(tt.body))
			}))
			got, err := f.FetchPage(context.Background(), srv.URL+"/article")
			if err != nil {
				t.Fatal(err)
			}
			wantSource := tt.wantSource
			if wantSource == "host" {
				wantSource = "127.0.0.1"
			}
			var date string
			if !got.Published.IsZero() {
				date = got.Published.Format(time.RFC3339)
			}
			for _, c := range []struct{ field, got, want string }{
				{"Title", got.Title, tt.wantTitle}, {"Lang", got.Lang, tt.wantLang}, {"Source", got.Source, wantSource},
				{"Published", date, tt.wantDate}, {"URL", got.URL, srv.URL + "/article"},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			for _, s := range tt.wantText {
				if !strings.Contains(got.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, got.Text)
				}
			}
			for _, s := range tt.wantNotText {
				if strings.Contains(got.Text, s) {
					t.Errorf("text has boilerplate %q:\n%s", s, got.Text)
				}
			}
			if n := len(strings.Split(got.Text, "\n\n")); n < tt.wantParaMinN {
				t.Errorf("text has %d paragraphs, want at least %d:\n%s", n, tt.wantParaMinN, got.Text)
			}
		})
	}
}

func TestFetchPageErrors(t *testing.T) {
	for _, tt := range []struct {
		name        string
		handler     http.Handler
		wantMessage string
	}{
		{"NotHTMLContentType", serveBody("application/pdf", []byte("%PDF-1.7")), `content type "application/pdf" is not HTML`},
		{"FeedIsNotAPage", serveBody("application/rss+xml", mustReadFile(t, "rss-en.xml")), "is not HTML"},
		{"SniffedAsNotHTML", serveBody("", []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}), `"image/png" (sniffed) is not HTML`},
		{"NoText", serveBody("text/html", []byte("<html><body><script>render()</script><img src=a.png></body></html>")), "no main text"},
		{"StatusNotFound", http.NotFoundHandler(), "404 Not Found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, f := mustServe(t, tt.handler)
			got, err := f.FetchPage(context.Background(), srv.URL+"/page")
			if err == nil {
				t.Fatalf("got %+v, want an error", got)
			}
			if !strings.Contains(err.Error(), tt.wantMessage) || !strings.Contains(err.Error(), srv.URL+"/page") {
				t.Errorf("error %q does not name the page and %q", err, tt.wantMessage)
			}
		})
	}
}
