package corpus

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Format writes a document as a Markdown file with its front matter, the
// form ParseDocument reads. Documents that come from feeds and URLs are
// kept this way in the data directory.
func Format(d Document) ([]byte, error) {
	h := header{ID: d.ID, Title: d.Title, Kind: string(d.Kind), Lang: d.Lang, Source: d.Source, URL: d.URL,
		Published: d.Published.Format(DateLayout), Tags: d.Tags}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(h); err != nil {
		return nil, fmt.Errorf("document %s: %w", d.ID, err)
	}
	enc.Close()
	b.WriteString("---\n")
	b.WriteString(d.Body)
	if len(d.Body) > 0 && d.Body[len(d.Body)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// Validate checks a document built in code against the rules of files:
// it is formatted and read back, so the same errors come out.
func Validate(d Document) (Document, error) {
	data, err := Format(d)
	if err != nil {
		return Document{}, err
	}
	origin := d.Origin
	if origin == "" {
		origin = d.ID
	}
	return ParseDocument(origin, data)
}
