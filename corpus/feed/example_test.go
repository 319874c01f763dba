package feed_test

import (
	"fmt"
	"log"
	"os"
	"time"

	"github.com/summitbot/summitbot/corpus/feed"
)

// A feed file read without HTTP, its items turned into corpus documents.
func ExampleParse() {
	f, err := os.Open("testdata/rss-zh.xml")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	fd, err := feed.Parse(f, 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, it := range fd.Items {
		d, err := it.Document(time.Now())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.ID, d.Lang, d.Published.Format("2006-01-02"), d.Title)
	}
	// Output:
	// feed-5239242e7c293797 zh 2023-05-19 首届中国—中亚峰会在西安举行
}
