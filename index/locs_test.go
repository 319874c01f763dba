package index

import (
	"encoding/binary"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
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
		terms := lx.analyzer(tc.lang).Analyze([]byte(tc.text))
		want := termLocations(terms)
		enc := string(encodeTokenLocs(terms))
		if ref := encodeLocs(want); enc != ref {
			t.Errorf("%s %q: encoded as %q, the map's encoding is %q", tc.lang, tc.text, enc, ref)
		}
		got, err := decodeLocs([]byte(enc))
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

// termLocations is where each term of an analyzed text stands.
func termLocations(terms analysis.TokenStream) termLocs {
	out := termLocs{}
	for _, t := range terms {
		out[string(t.Term)] = append(out[string(t.Term)], loc{pos: uint32(t.Position), start: uint32(t.Start), end: uint32(t.End)})
	}
	return out
}

// encodeLocs writes locations as encodeTokenLocs does, from the map.
func encodeLocs(tl termLocs) string {
	terms := slices.Sorted(maps.Keys(tl))
	b := binary.AppendUvarint(nil, uint64(len(terms)))
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		b = binary.AppendUvarint(b, uint64(len(tl[t])))
		for _, l := range tl[t] {
			b = binary.AppendUvarint(b, uint64(l.pos))
			b = binary.AppendUvarint(b, uint64(l.start))
			b = binary.AppendUvarint(b, uint64(l.end-l.start))
		}
	}
	return string(b)
}

// TestPassageCacheGetAll reads more passages than one goroutine takes, some
// cached already and one missing, and holds each to what get reads alone.
func TestPassageCacheGetAll(t *testing.T) {
	e := openDefault(t)
	res, err := e.idx.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 3*loadSideBySide, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"no-such-passage#1"}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	pc := newPassageCache(passageCacheSize)
	if _, err := pc.get(e.idx, ids[5]); err != nil { // one cached before
		t.Fatal(err)
	}
	got, errs := pc.getAll(e.idx, ids)
	for i, id := range ids {
		want, err := load(e.idx, id)
		if (err != nil) != (errs[i] != nil) {
			t.Fatalf("%s: getAll error %v, load error %v", id, errs[i], err)
		}
		if err == nil && (got[i].text != want.text || got[i].meta.DocID != want.meta.DocID) {
			t.Errorf("%s: getAll read %q of %s, want %q of %s", id, got[i].text, got[i].meta.DocID, want.text, want.meta.DocID)
		}
	}
	if errs[0] == nil {
		t.Error("a missing passage was read")
	}
}
