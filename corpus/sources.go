package corpus

import (
	"strings"
	"time"
)

// Source is one entry of a section's "Sources:" line: who published the
// fact, when, and where. A fact sheet's sources line reads
//
//	Sources: People's Daily, 2023-05-19, http://en.people.cn/…; Xinhua, 2023-05-18
//
// entries apart by ";", each "publisher, date, link" with the date and the
// link optional. A bare link (the older form) has no publisher of its own.
type Source struct {
	Publisher string
	Published time.Time // zero when the entry gives no date
	URL       string
}

// parseSources reads the text after "Sources:". Entries that hold neither a
// publisher nor a link are dropped.
func parseSources(list string) []Source {
	var out []Source
	for _, entry := range strings.Split(list, ";") {
		var s Source
		var name []string
		for _, part := range strings.Split(entry, ",") {
			part = strings.TrimSpace(part)
			switch {
			case part == "":
			case urlPattern.MatchString(part) && s.URL == "":
				s.URL = urlPattern.FindString(part)
			case s.Published.IsZero() && isDate(part):
				s.Published, _ = time.Parse(DateLayout, part)
			default:
				name = append(name, part)
			}
		}
		s.Publisher = strings.Join(name, ", ")
		if s.Publisher != "" || s.URL != "" {
			out = append(out, s)
		}
	}
	return out
}

func isDate(s string) bool {
	_, err := time.Parse(DateLayout, s)
	return err == nil
}

// cite is the citation of a passage from d whose section lists srcs: the
// first source, falling back on the document for what it does not say.
func cite(d Document, srcs []Source) Citation {
	c := d.Citation()
	if len(srcs) == 0 {
		return c
	}
	first := srcs[0]
	c.URL = first.URL
	if first.Publisher != "" {
		c.Source = first.Publisher
		// A named source's date is its own; the document's date is when
		// the sheet was written, not when the fact was published.
		c.Published = first.Published
	}
	return c
}
