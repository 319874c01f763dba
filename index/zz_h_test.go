package index
import ("testing";"os";"strings";"github.com/summitbot/summitbot/corpus")
func TestHeads(t *testing.T){
  if os.Getenv("HEADS")=="" {t.Skip()}
  lx := openDefault(t).lexicon()
  c, _ := corpus.Default()
  for _, d := range c.Documents {
    if d.Lang != "en" { continue }
    for _, l := range strings.Split(d.Body, "\n") {
      if !strings.HasPrefix(l, "## ") { continue }
      var ids []string
      for _, x := range lx.find(l[3:], "en", false) { s := lx.set(x); if s.Kind == corpus.AliasTopic || s.Kind == corpus.AliasDocument || s.Kind == corpus.AliasOrg || s.Kind==corpus.AliasEvent { ids = append(ids, s.ID) } }
      t.Logf("%-22s %-60s %v", d.ID, l[3:], ids)
    }
  }
}
