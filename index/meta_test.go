package index

import (
	"reflect"
	"testing"
)

// TestMetaRoundTrip checks that every field of a passage's metadata comes
// back as it was stored, and that a cut or padded record is an error.
func TestMetaRoundTrip(t *testing.T) {
	m := passageMeta{
		DocID: "summit-1-en", Ordinal: 3, Section: 2, Title: "The first summit", Heading: "Dates and venue",
		Source: "Xinhua", URL: "https://example.org/x", Published: "2023-05-19", Kind: "factsheet", Compiled: true, Context: 41,
		F: features{
			Concepts: []string{"summit", "xian"}, Head: []string{"summit"}, Has: []string{"date", "place"},
			Years: []int{2023}, Mentions: []string{"summit#1"},
			Topic:     topic{Events: []string{"summit"}, Ordinal: "1", Places: []string{"xian"}, Years: []int{2023}},
			Sentences: []sentence{{End: 80, Concepts: []string{"summit"}, Has: []string{"date"}, PersonOf: []string{"kyrgyzstan"}}, {End: 120}},
		},
	}
	b := encodeMeta(m)
	got, err := decodeMeta(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("decoded %+v\nwant %+v", got, m)
	}
	if empty, err := decodeMeta(string(encodeMeta(passageMeta{}))); err != nil || !reflect.DeepEqual(empty, passageMeta{}) {
		t.Errorf("empty metadata: %+v, %v", empty, err)
	}
	for _, bad := range []string{string(b[:len(b)-1]), string(b) + "x", "", "\xff\xff\xff\xff\xff\xff"} {
		if _, err := decodeMeta(bad); err == nil {
			t.Errorf("decodeMeta(%q) gave no error", bad)
		}
	}
}

// FuzzDecodeMeta: whatever the bytes, decoding returns an error or
// metadata that encodes to a record decoding the same, and never panics.
func FuzzDecodeMeta(f *testing.F) {
	f.Add(string(encodeMeta(passageMeta{DocID: "d", F: features{Years: []int{2025}, Sentences: []sentence{{End: 3}}}})))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := decodeMeta(s)
		if err != nil {
			return
		}
		again, err := decodeMeta(string(encodeMeta(m)))
		if err != nil || !reflect.DeepEqual(again, m) {
			t.Fatalf("re-encoded metadata decodes to %+v, %v; want %+v", again, err, m)
		}
	})
}
