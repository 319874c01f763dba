package corpus

import (
	"errors"
	"strings"
	"testing"
)

const goodHeader = `---
id: doc-1
title: A title
kind: article
lang: en
source: Example Wire
url: https://example.org/a
published: 2023-05-19
tags: [summit, "2023"]
---
`

func TestParseDocument(t *testing.T) {
	d, err := ParseDocument("x.md", []byte(goodHeader+"The first summit was held in Xi'an.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "doc-1" || d.Lang != "en" || d.Kind != Article || d.Published.Format(DateLayout) != "2023-05-19" {
		t.Errorf("got %+v", d)
	}
	if strings.Join(d.Tags, ",") != "summit,2023" {
		t.Errorf("tags = %q", d.Tags)
	}
}

func TestParseDocumentErrors(t *testing.T) {
	replace := func(old, new string) string { return strings.Replace(goodHeader, old, new, 1) + "Body text.\n" }
	tests := []struct {
		name, input string
		field       string
		line        int
		want        string
	}{
		{"NoFrontMatter", "Just text.\n", "", 1, "no front matter"},
		{"Unclosed", "---\nid: a\n", "", 1, "not closed"},
		{"MissingID", replace("id: doc-1\n", ""), "id", 1, "missing"},
		{"BadID", replace("id: doc-1", "id: Doc 1"), "id", 2, "lowercase"},
		{"MissingTitle", replace("title: A title\n", ""), "title", 1, "missing"},
		{"UnknownKind", replace("kind: article", "kind: blog"), "kind", 4, `"blog"`},
		{"UnknownLanguage", replace("lang: en", "lang: de"), "lang", 5, `unknown language "de"`},
		{"MissingSource", replace("source: Example Wire\n", ""), "source", 1, "missing"},
		{"BadURL", replace("url: https://example.org/a", "url: example.org"), "url", 7, "not an http(s) address"},
		{"BadDate", replace("published: 2023-05-19", "published: 19/05/2023"), "published", 8, "as a date"},
		{"ImpossibleDate", replace("published: 2023-05-19", "published: 2023-13-40"), "published", 8, "as a date"},
		{"UnknownField", replace("tags:", "author: me\ntags:"), "author", 9, "unknown field"},
		{"DuplicateField", replace("kind: article", "kind: article\nkind: factsheet"), "kind", 5, "twice"},
		{"EmptyBody", goodHeader + "\n\n", "", 11, "empty body"},
		{"OnlySources", goodHeader + "Sources: https://example.org\n", "", 11, "empty body"},
		{"NotUTF8", goodHeader + "\xff\xfe\n", "", 0, "UTF-8"},
		{"BadYAML", "---\nid: [a\n---\nText.\n", "", 0, "front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDocument("docs/x.md", []byte(tt.input))
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FieldError", err)
			}
			if fe.Field != tt.field || fe.Line != tt.line {
				t.Errorf("field, line = %q, %d; want %q, %d (%v)", fe.Field, fe.Line, tt.field, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "docs/x.md") {
				t.Errorf("err = %q, want the file name and %q", err, tt.want)
			}
		})
	}
}

func TestFormatRoundTrip(t *testing.T) {
	d, err := ParseDocument("x.md", []byte(goodHeader+"# Title\n\nThe first summit was held in Xi'an: \"quoted\" — yes.\n"))
	if err != nil {
		t.Fatal(err)
	}
	d.Title = `A title: with "quotes" and # hashes`
	data, err := Format(d)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseDocument("x.md", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if back.Title != d.Title || back.Body != d.Body || back.Published != d.Published || back.ID != d.ID {
		t.Errorf("round trip changed the document:\n%+v\n%+v", d, back)
	}
	if _, err := Validate(Document{ID: "Bad ID", Title: "T", Kind: Article, Lang: "en", Source: "S", URL: "https://e.org", Published: d.Published, Body: "x."}); err == nil {
		t.Error("Validate accepted a bad id")
	}
}
