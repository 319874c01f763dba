package bot

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSplitArray(t *testing.T) {
	deep := `{"update_id":7,"message":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"Empty", ` [ ] `, nil},
		{"Scalars", `[1, "a,]\"b", null,true]`, []string{`1`, `"a,]\"b"`, `null`, `true`}},
		{"Objects", `[{"update_id":1,"x":[1,{"y":"}"}]},{"update_id":2}]`, []string{`{"update_id":1,"x":[1,{"y":"}"}]}`, `{"update_id":2}`}},
		{"DeepElementAlone", `[{"update_id":6},` + deep + `,{"update_id":8}]`, []string{`{"update_id":6}`, deep, `{"update_id":8}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splitArray([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d elements, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if string(got[i]) != tt.want[i] {
					t.Errorf("element %d: got %.80s, want %.80s", i, got[i], tt.want[i])
				}
			}
		})
	}
	for _, bad := range []string{``, `{}`, `[1,`, `[{"a":1]`, `["x]`, `[1] 2`, `[1 2]`} {
		if _, err := splitArray([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if id, ok := updateID([]byte(deep)); !ok || id != 7 {
		t.Errorf("updateID of the deep update: %d, %v; want 7", id, ok)
	}
	if id, ok := updateID([]byte(`{"message":{"update_id":3},"update_id": 9 }`)); !ok || id != 9 {
		t.Errorf("updateID: %d, %v; want the top-level 9", id, ok)
	}
	if d := depthOf([]byte(deep)); d != 100001 {
		t.Errorf("depth %d", d)
	}
	var v any
	if json.Unmarshal([]byte(`[{"update_id":1}]`), &v) != nil {
		t.Fatal("sanity")
	}
}
