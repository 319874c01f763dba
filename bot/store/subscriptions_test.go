package store

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestSubscriptions(t *testing.T) {
	s, _ := openTemp(t)
	now := time.Now()
	s.Subscribe(Subscription{ChatID: 1, ChatType: "private", Lang: "en", Created: now})
	s.Subscribe(Subscription{ChatID: -2, ChatType: "group", Topics: []string{"transport"}, Lang: "fr", Created: now})
	got, _ := s.Subscribe(Subscription{ChatID: -2, ChatType: "group", Topics: []string{"Astana"}, Lang: "fr", Created: now.Add(time.Hour)})
	if len(got.Topics) != 2 || !got.Created.Equal(now) {
		t.Errorf("topics %v created %v: want both topics and the first date", got.Topics, got.Created)
	}
	if removed, _ := s.Unsubscribe(-2, "transport"); !removed {
		t.Error("topic not removed")
	}
	if sub, ok, _ := s.Subscription(-2); !ok || len(sub.Topics) != 1 || sub.Topics[0] != "Astana" {
		t.Errorf("after removing a topic: %+v", sub)
	}
	if removed, _ := s.Unsubscribe(-2, "Astana"); !removed {
		t.Error("last topic not removed")
	}
	if _, ok, _ := s.Subscription(-2); ok {
		t.Error("a subscription without topics left is kept; it would mean every article")
	}
	if removed, _ := s.Unsubscribe(99); removed {
		t.Error("unsubscribed a chat without a subscription")
	}
	all, _ := s.Subscriptions()
	if len(all) != 1 || all[0].ChatID != 1 {
		t.Errorf("subscriptions = %+v", all)
	}
}

func TestOutboxExactlyOnce(t *testing.T) {
	s, path := openTemp(t)
	now := time.Now()
	ds := []Delivery{{ChatID: 1, Key: "doc-a", HTML: "a"}, {ChatID: 2, Key: "doc-a", HTML: "a"}, {ChatID: 1, Key: "doc-b", HTML: "b"}}
	if n, _ := s.Enqueue(ds); n != 3 {
		t.Fatalf("queued %d", n)
	}
	if n, _ := s.Enqueue(ds); n != 0 {
		t.Errorf("queued %d again; an article goes once to a chat", n)
	}
	due, total, _ := s.Pending(now, 10)
	if len(due) != 3 || total != 3 || due[0].Key != "doc-a" || due[0].Seq == 0 {
		t.Fatalf("due %+v total %d", due, total)
	}
	// One sent, one in flight when the process dies, one failed.
	s.Begin(due[0], now)
	s.Delivered(due[0], now)
	s.Begin(due[1], now)
	s.Retry(due[2], now.Add(time.Minute))
	if n, _ := s.Enqueue(ds[:1]); n != 0 {
		t.Error("a delivered article was queued again")
	}
	s.Close()

	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	settled, _ := s.Recover()
	if len(settled) != 1 || settled[0].ChatID != 2 {
		t.Errorf("settled %+v, want the one in flight", settled)
	}
	if ok, _ := s.WasDelivered(2, "doc-a"); !ok {
		t.Error("the delivery in flight is not counted as sent")
	}
	due, total, _ = s.Pending(now, 10)
	if len(due) != 0 || total != 1 {
		t.Errorf("due %d of %d now; the retry waits a minute", len(due), total)
	}
	due, _, _ = s.Pending(now.Add(2*time.Minute), 10)
	if len(due) != 1 || due[0].Attempts != 1 {
		t.Errorf("after the wait: %+v", due)
	}
}

func TestDropAndMoveChat(t *testing.T) {
	s, _ := openTemp(t)
	s.Subscribe(Subscription{ChatID: -5, ChatType: "group", Lang: "ru"})
	s.Subscribe(Subscription{ChatID: 7, ChatType: "private", Lang: "en"})
	s.Enqueue([]Delivery{{ChatID: -5, Key: "d1"}, {ChatID: 7, Key: "d1"}})
	if err := s.MoveChat(-5, -1005); err != nil {
		t.Fatal(err)
	}
	if sub, ok, _ := s.Subscription(-1005); !ok || sub.ChatType != "supergroup" || sub.Lang != "ru" {
		t.Errorf("moved subscription: %+v", sub)
	}
	if id, _ := s.Resolve(-5); id != -1005 {
		t.Errorf("Resolve(-5) = %d", id)
	}
	due, _, _ := s.Pending(time.Now(), 10)
	if len(due) != 2 || due[0].ChatID != -1005 {
		t.Errorf("outbox after the move: %+v", due)
	}
	s.DropChat(7)
	due, total, _ := s.Pending(time.Now(), 10)
	if total != 1 || due[0].ChatID != -1005 {
		t.Errorf("outbox after dropping chat 7: %+v", due)
	}
}

func TestDigests(t *testing.T) {
	s, _ := openTemp(t)
	t0 := time.Now()
	s.AddToDigest([]int64{1, 2}, "doc-a", t0)
	s.AddToDigest([]int64{1}, "doc-b", t0.Add(time.Hour))
	s.AddToDigest([]int64{1}, "doc-a", t0.Add(time.Hour)) // already there
	render := func(chat int64, docs []string) (Delivery, bool) {
		return Delivery{ChatID: chat, Key: "digest", HTML: docs[len(docs)-1]}, true
	}
	if n, _ := s.DueDigests(t0.Add(23*time.Hour), 24*time.Hour, render); n != 0 {
		t.Errorf("%d digests before a day passed", n)
	}
	var got []int
	n, _ := s.DueDigests(t0.Add(25*time.Hour), 24*time.Hour, func(chat int64, docs []string) (Delivery, bool) {
		got = append(got, len(docs))
		return render(chat, docs)
	})
	if n != 2 || len(got) != 2 || got[0]+got[1] != 3 {
		t.Errorf("%d digests with %v documents", n, got)
	}
	if n, _ := s.DueDigests(t0.Add(50*time.Hour), 24*time.Hour, render); n != 0 {
		t.Errorf("a digest was queued twice")
	}
}

func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, _ := bolt.Open(path, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucketIfNotExists(bucketMeta)
		if err := migrations[0](tx); err != nil {
			return err
		}
		tx.Bucket(bucketInbox).Put(itob(41), []byte(`{"update_id":41}`))
		return meta.Put(keySchema, []byte("1"))
	})
	db.Close()
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if in, _ := s.Inbox(); len(in) != 1 || in[0].ID != 41 {
		t.Errorf("version 1 data lost: %+v", in)
	}
	if _, err := s.Subscribe(Subscription{ChatID: 1}); err != nil {
		t.Errorf("version 2 buckets missing: %v", err)
	}
}
