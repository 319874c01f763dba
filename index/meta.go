package index

import "errors"

// A passage's metadata is stored in the encoding of the lexicon file
// (snapshot.go): varint lengths and counts, strings as they are. JSON took
// a millisecond of every fresh process's first answer, decoding the forty
// candidates it reads.

// encodeMeta writes m; decodeMeta reads it back.
func encodeMeta(m passageMeta) []byte {
	w := &encoder{}
	w.str(m.DocID)
	w.uint(m.Ordinal)
	w.uint(m.Section)
	w.str(m.Title)
	w.str(m.Heading)
	w.str(m.Source)
	w.str(m.URL)
	w.str(m.Published)
	w.str(m.Kind)
	w.bool(m.Compiled)
	w.uint(m.Context)
	f := m.F
	w.strs(f.Concepts)
	w.strs(f.Head)
	w.strs(f.Has)
	w.ints(f.Years)
	w.strs(f.Mentions)
	w.strs(f.Topic.Events)
	w.str(f.Topic.Ordinal)
	w.strs(f.Topic.Places)
	w.ints(f.Topic.Years)
	w.uint(len(f.Sentences))
	for _, s := range f.Sentences {
		w.uint(s.End)
		w.strs(s.Concepts)
		w.strs(s.Has)
		w.strs(s.PersonOf)
	}
	return w.b
}

var errMeta = errors.New("truncated or corrupt metadata")

func decodeMeta(s string) (passageMeta, error) {
	// A passage's lists are short: a small arena, not the lexicon's.
	r := &decoder{s: s, chunk: 64}
	var m passageMeta
	m.DocID = r.str()
	m.Ordinal = r.uint()
	m.Section = r.uint()
	m.Title = r.str()
	m.Heading = r.str()
	m.Source = r.str()
	m.URL = r.str()
	m.Published = r.str()
	m.Kind = r.str()
	m.Compiled = r.uint() == 1
	m.Context = r.uint()
	f := &m.F
	f.Concepts = r.strs()
	f.Head = r.strs()
	f.Has = r.strs()
	f.Years = r.ints()
	f.Mentions = r.strs()
	f.Topic.Events = r.strs()
	f.Topic.Ordinal = r.str()
	f.Topic.Places = r.strs()
	f.Topic.Years = r.ints()
	if n := r.count(); n > 0 {
		f.Sentences = make([]sentence, n)
		for i := range f.Sentences {
			f.Sentences[i] = sentence{End: r.uint(), Concepts: r.strs(), Has: r.strs(), PersonOf: r.strs()}
		}
	}
	if r.err != nil || len(r.s) != 0 {
		return passageMeta{}, errMeta
	}
	return m, nil
}
