package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// maxUpdateDepth bounds how deeply an update's JSON may nest. Real updates
// nest a dozen levels at most (a reply's message, its keyboard's rows);
// a hostile API could send a hundred thousand, which encoding/json refuses
// as a whole, taking the good updates of the batch with it.
const maxUpdateDepth = 64

// errTooDeep is an update nested deeper than maxUpdateDepth.
var errTooDeep = errors.New("update nested too deeply")

// splitArray splits a JSON array into the raw text of its elements without
// decoding them, so that each update is read, or skipped, on its own. It
// fails only when data is not an array of complete JSON values.
func splitArray(data []byte) ([]json.RawMessage, error) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, errors.New("not a JSON array")
	}
	i = skipSpace(data, i+1)
	var out []json.RawMessage
	if i < len(data) && data[i] == ']' {
		return out, checkEnd(data, i+1)
	}
	for {
		end, _, err := skipValue(data, i)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", len(out), err)
		}
		out = append(out, json.RawMessage(data[i:end]))
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, errors.New("unterminated array")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return out, checkEnd(data, i+1)
		default:
			return nil, fmt.Errorf("unexpected %q after element %d", data[i], len(out)-1)
		}
	}
}

func checkEnd(data []byte, i int) error {
	if skipSpace(data, i) != len(data) {
		return errors.New("text after the array")
	}
	return nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at data[i], and how
// deeply it nests. It checks brackets and strings, not every detail of the
// grammar: encoding/json reads the value later.
func skipValue(data []byte, i int) (end, depth int, err error) {
	level := 0
	for ; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			j := i + 1
			for ; j < len(data) && data[j] != '"'; j++ {
				if data[j] == '\\' {
					j++
				}
			}
			if j >= len(data) {
				return 0, 0, errors.New("unterminated string")
			}
			i = j
			if level == 0 {
				return i + 1, depth, nil
			}
		case '[', '{':
			level++
			depth = max(depth, level)
		case ']', '}':
			if level == 0 {
				return i, depth, nil // the end of a scalar
			}
			level--
			if level == 0 {
				return i + 1, depth, nil
			}
		case ',', ':', ' ', '\t', '\n', '\r':
			if level == 0 {
				return i, depth, nil
			}
		}
	}
	if level > 0 {
		return 0, 0, errors.New("unterminated value")
	}
	return i, depth, nil
}

// updateID reads the update_id of an update's JSON object without decoding
// the rest, however deeply it nests; ok is false when it has none.
func updateID(raw []byte) (id int, ok bool) {
	v, ok := topField(raw, "update_id")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(string(v))
	return n, err == nil
}

// topField returns the raw value of a top-level field of a JSON object
// without decoding the others.
func topField(raw []byte, name string) (json.RawMessage, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false
	}
	i = skipSpace(raw, i+1)
	for i < len(raw) && raw[i] == '"' {
		kend, _, err := skipValue(raw, i)
		if err != nil {
			return nil, false
		}
		var key string
		if json.Unmarshal(raw[i:kend], &key) != nil {
			return nil, false
		}
		i = skipSpace(raw, kend)
		if i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i = skipSpace(raw, i+1)
		vend, _, err := skipValue(raw, i)
		if err != nil {
			return nil, false
		}
		if key == name {
			return json.RawMessage(raw[i:vend]), true
		}
		i = skipSpace(raw, vend)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return nil, false
}

// depthOf is how deeply a JSON value nests (0 for a scalar).
func depthOf(raw []byte) int {
	_, d, err := skipValue(raw, skipSpace(raw, 0))
	if err != nil {
		return 0
	}
	return d
}
