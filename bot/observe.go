package bot

import "time"

// Observer is told what the bot does, for metrics. Its methods must be
// quick and safe for concurrent use.
type Observer interface {
	// UpdateHandled is called once per update: its type ("message",
	// "inline_query"…), the outcome ("answered", "no_answer", "ignored"…)
	// and the time it took.
	UpdateHandled(kind, outcome string, took time.Duration)
	// Asked is called for each question answered or not, with the time
	// the answer took.
	Asked(answered bool, took time.Duration)
	// APICall is called for each Bot API response: the method, and
	// "ok", "rate_limited" (429), "error" or "retry" (a failure that will
	// be tried again).
	APICall(method, result string)
}

// noObserver observes nothing.
type noObserver struct{}

func (noObserver) UpdateHandled(string, string, time.Duration) {}
func (noObserver) Asked(bool, time.Duration)                   {}
func (noObserver) APICall(string, string)                      {}
