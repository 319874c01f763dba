package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/summitbot/summitbot/bot"
	"github.com/summitbot/summitbot/bot/telegramtest"
	"github.com/summitbot/summitbot/corpus"
)

// TestDigestAndTopics subscribes one chat to a daily digest and another to
// one topic: the digest comes as one message with both new articles, the
// topic subscriber gets only the article about it.
func TestDigestAndTopics(t *testing.T) {
	h := start(t, options{})
	h.srv.Push(telegramtest.PrivateMessage(bruno.ID, bruno, "/subscribe digest"))
	h.srv.Push(telegramtest.PrivateMessage(olga.ID, olga, "/subscribe транспорт"))
	sent := h.srv.WaitCalls(t, "sendMessage", 2, 5*time.Second)
	if !strings.Contains(sent[0].Params["text"]+sent[1].Params["text"], "résumé quotidien") {
		t.Errorf("digest confirmation: %v", sent)
	}
	docs := []corpus.Document{
		{ID: "wire-a", Title: "Trucks cross the border", Kind: corpus.Article, Lang: "en", Source: "Wire", URL: "https://e.org/a",
			Published: time.Now(), Body: "Transport ministers of the China–Central Asia format opened a road corridor for trucks."},
		{ID: "wire-b", Title: "Secretariat opens an office", Kind: corpus.Article, Lang: "en", Source: "Wire", URL: "https://e.org/b",
			Published: time.Now(), Body: "The secretariat of the China–Central Asia mechanism opened a new office in Xi'an."},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	engine, _ := sharedEngine()
	if _, err := engine.Put(ctx, docs...); err != nil { // as the live corpus does before announcing
		t.Fatal(err)
	}
	t.Cleanup(func() { engine.Remove(context.Background(), "wire-a", "wire-b") })
	h.bot.Announce(ctx, docs)
	d := &bot.Deliverer{Bot: h.bot, Idle: 20 * time.Millisecond, Digest: time.Nanosecond, Grace: time.Millisecond}
	stopped := make(chan struct{})
	go func() { d.Run(ctx); close(stopped) }()
	waitFor(t, "the digest and topic deliveries", func() bool { return len(h.srv.Calls("sendMessage")) >= 4 })
	// Drain: once the deliverer has stopped, nothing more can come.
	cancel()
	<-stopped
	var toBruno, toOlga []string
	for _, c := range h.srv.Calls("sendMessage")[2:] {
		switch c.Int("chat_id") {
		case bruno.ID:
			toBruno = append(toBruno, c.Params["text"])
		case olga.ID:
			toOlga = append(toOlga, c.Params["text"])
		}
	}
	if len(toBruno) != 1 || !strings.Contains(toBruno[0], "Trucks cross") || !strings.Contains(toBruno[0], "Secretariat opens") ||
		!strings.Contains(toBruno[0], "Nouveaux articles") {
		t.Errorf("digest messages: %q", toBruno)
	}
	if len(toOlga) != 1 || !strings.Contains(toOlga[0], "Trucks cross") || !strings.Contains(toOlga[0], "Новая статья") {
		t.Errorf("topic subscriber got %q", toOlga)
	}
}
