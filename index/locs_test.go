package index

import (
	"reflect"
	"testing"
)

func TestLocsRoundTrip(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	lx := newLexicon(nil, m)
	for _, tc := range []struct{ lang, text string }{
		{"en", "The first summit was held in Xi'an — the first of its kind."},
		{"ru", "Первый саммит прошёл в Сиане, первый саммит формата."},
		{"zh", "首届中国—中亚峰会在西安举行。"},
		{"kk", "Бірінші саммит Сиань қаласында өтті."},
		{"en", ""},
	} {
		want := termLocations(lx.analyzers[tc.lang], tc.text)
		got, err := decodeLocs([]byte(encodeLocs(want)))
		if err != nil {
			t.Fatalf("%s %q: %v", tc.lang, tc.text, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %q: decoded %v, want %v", tc.lang, tc.text, got, want)
		}
	}
}

func TestLocsMalformed(t *testing.T) {
	good := encodeLocs(termLocs{"summit": {{pos: 2, start: 10, end: 16}}, "xi'an": {{pos: 6, start: 30, end: 35}}})
	for _, b := range []string{"", "\xff", good[:len(good)-1], good + "x", "\x05summit"} {
		if _, err := decodeLocs([]byte(b)); err == nil {
			t.Errorf("decodeLocs(%q) = nil error", b)
		}
	}
}

// FuzzDecodeLocs: a stored locations field is read back on every first
// meeting with a passage; whatever its bytes, decoding returns an error or
// locations that encode and decode again, and never panics.
func FuzzDecodeLocs(f *testing.F) {
	f.Add(encodeLocs(termLocs{"summit": {{pos: 2, start: 10, end: 16}}, "xi'an": {{pos: 6, start: 30, end: 35}}}))
	f.Add(encodeLocs(termLocs{}))
	f.Add("\x01\x03abc\x02\x01\x00\x03\x02\x04\x03")
	f.Fuzz(func(t *testing.T, b string) {
		tl, err := decodeLocs([]byte(b))
		if err != nil {
			return
		}
		// Varints have one shortest form and a longer one decodes too, so
		// the bytes may differ; the locations may not.
		again, err := decodeLocs([]byte(encodeLocs(tl)))
		if err != nil {
			t.Fatalf("re-encoded locations do not decode: %v", err)
		}
		if len(again) != len(tl) {
			t.Fatalf("re-encoded locations hold %d terms, want %d", len(again), len(tl))
		}
	})
}
